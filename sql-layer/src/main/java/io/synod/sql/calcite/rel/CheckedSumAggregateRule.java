package io.synod.sql.calcite.rel;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableAggregate;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.InvalidRelException;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlAggFunction;

/**
 * Calcite's conversion of an aggregate into the enumerable convention, except that SUM and
 * {@code $SUM0} over BIGINT become {@link CheckedSums}. Every logical aggregate reaches the
 * enumerable convention through this rule, whichever rewrites made it.
 */
final class CheckedSumAggregateRule extends ConverterRule {

    static final ConverterRule INSTANCE = Config.INSTANCE
            .withConversion(LogicalAggregate.class, Convention.NONE, EnumerableConvention.INSTANCE,
                    "CheckedSumAggregateRule")
            .withRuleFactory(CheckedSumAggregateRule::new)
            .toRule(CheckedSumAggregateRule.class);

    private CheckedSumAggregateRule(Config config) {
        super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
        LogicalAggregate aggregate = (LogicalAggregate) rel;
        RelTraitSet traits = rel.getCluster().traitSetOf(EnumerableConvention.INSTANCE);
        List<AggregateCall> calls = aggregate.getAggCallList().stream()
                .map(call -> checked(call, aggregate.getInput()))
                .toList();
        try {
            return new EnumerableAggregate(rel.getCluster(), traits, convert(aggregate.getInput(), traits),
                    aggregate.getGroupSet(), aggregate.getGroupSets(), calls);
        } catch (InvalidRelException e) {
            return null;
        }
    }

    private static AggregateCall checked(AggregateCall call, RelNode input) {
        if (call.getArgList().size() != 1) {
            return call;
        }
        RelDataType argumentType = input.getRowType().getFieldList().get(call.getArgList().get(0)).getType();
        SqlAggFunction function = CheckedSums.replacement(call.getAggregation(), argumentType, call.getType());
        if (function == null) {
            return call;
        }
        return AggregateCall.create(function, call.isDistinct(), call.isApproximate(), call.ignoreNulls(),
                call.rexList, call.getArgList(), call.filterArg, call.distinctKeys, call.collation,
                call.getType(), call.getName());
    }
}
