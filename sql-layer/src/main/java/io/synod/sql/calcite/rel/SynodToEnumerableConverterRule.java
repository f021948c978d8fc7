package io.synod.sql.calcite.rel;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;

/** Converts a {@link SynodRel} into the enumerable convention. */
final class SynodToEnumerableConverterRule extends ConverterRule {

    static final ConverterRule INSTANCE = Config.INSTANCE
            .withConversion(RelNode.class, SynodRel.CONVENTION, EnumerableConvention.INSTANCE,
                    "SynodToEnumerableConverterRule")
            .withRuleFactory(SynodToEnumerableConverterRule::new)
            .toRule(SynodToEnumerableConverterRule.class);

    private SynodToEnumerableConverterRule(Config config) {
        super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
        RelTraitSet traits = rel.getTraitSet().replace(getOutConvention());
        return new SynodToEnumerableConverter(rel.getCluster(), traits, rel);
    }
}
