package io.synod.sql.calcite.rel;

import io.synod.sql.calcite.schema.SynodTable;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.logical.LogicalTableModify;

/**
 * Converts a {@link LogicalTableModify} or {@link LogicalUpsert} of a Synod table into a
 * {@link SynodTableModify}.
 */
final class SynodTableModifyRule extends ConverterRule {

    static final ConverterRule INSTANCE = Config.INSTANCE
            .withConversion(TableModify.class,
                    (TableModify m) -> (m instanceof LogicalTableModify || m instanceof LogicalUpsert)
                            && m.getTable().unwrap(SynodTable.class) != null,
                    Convention.NONE, EnumerableConvention.INSTANCE, "SynodTableModifyRule")
            .withRuleFactory(SynodTableModifyRule::new)
            .toRule(SynodTableModifyRule.class);

    private SynodTableModifyRule(Config config) {
        super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
        TableModify modify = (TableModify) rel;
        RelNode input = convert(modify.getInput(), modify.getInput().getTraitSet().replace(
                EnumerableConvention.INSTANCE));
        return new SynodTableModify(modify.getCluster(), modify.getTraitSet().replace(EnumerableConvention.INSTANCE),
                modify.getTable(), modify.getCatalogReader(), input, modify.getOperation(),
                modify.getUpdateColumnList(), modify.getSourceExpressionList(), modify.isFlattened(),
                modify instanceof LogicalUpsert);
    }
}
