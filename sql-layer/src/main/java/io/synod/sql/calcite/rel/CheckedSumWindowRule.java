package io.synod.sql.calcite.rel;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rel.logical.LogicalWindow;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlAggFunction;

/**
 * Calcite's conversion of a window into the enumerable convention, except that SUM and
 * {@code $SUM0} OVER a window over BIGINT become {@link CheckedSums}.
 */
final class CheckedSumWindowRule extends ConverterRule {

    static final ConverterRule INSTANCE = Config.INSTANCE
            .withConversion(LogicalWindow.class, Convention.NONE, EnumerableConvention.INSTANCE,
                    "CheckedSumWindowRule")
            .withRuleFactory(CheckedSumWindowRule::new)
            .toRule(CheckedSumWindowRule.class);

    /** Calcite's rule, which this one replaces in the planner and calls once the sums are checked. */
    private static final ConverterRule CALCITE_WINDOW_RULE = EnumerableRules.ENUMERABLE_WINDOW_RULE;

    private CheckedSumWindowRule(Config config) {
        super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
        LogicalWindow window = (LogicalWindow) rel;
        List<Window.Group> groups = window.groups.stream()
                .map(g -> new Window.Group(g.keys, g.isRows, g.lowerBound, g.upperBound, g.exclude, g.orderKeys,
                        g.aggCalls.stream().map(CheckedSumWindowRule::checked).toList()))
                .toList();
        LogicalWindow checked = LogicalWindow.create(window.getTraitSet(), window.getInput(), window.getConstants(),
                window.getRowType(), groups);
        return CALCITE_WINDOW_RULE.convert(checked);
    }

    private static Window.RexWinAggCall checked(Window.RexWinAggCall call) {
        List<RexNode> operands = call.getOperands();
        if (operands.size() != 1) {
            return call;
        }
        SqlAggFunction function = CheckedSums.replacement((SqlAggFunction) call.getOperator(),
                operands.get(0).getType(), call.getType());
        return function == null ? call
                : new Window.RexWinAggCall(function, call.getType(), operands, call.ordinal, call.distinct,
                        call.ignoreNulls);
    }
}
