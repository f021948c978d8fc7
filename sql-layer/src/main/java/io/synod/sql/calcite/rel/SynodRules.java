package io.synod.sql.calcite.rel;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableMergeUnionRule;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.rel.rules.JoinAssociateRule;
import org.apache.calcite.rel.rules.JoinCommuteRule;
import org.apache.calcite.rel.rules.JoinPushThroughJoinRule;

/** The planner rules for Synod tables, added to a statement's planner when it meets one. */
public final class SynodRules {

    public static final List<RelOptRule> RULES = List.of(
            SynodFilterRule.INSTANCE,
            SynodProjectRule.INSTANCE,
            SynodSortRule.SORT,
            SynodSortRule.LIMIT,
            SynodToEnumerableConverterRule.INSTANCE,
            SynodTableModifyRule.INSTANCE,
            SynodValuesRule.INSTANCE,
            CheckedSumAggregateRule.INSTANCE,
            CheckedSumWindowRule.INSTANCE);

    private SynodRules() {
    }

    /**
     * Adds the rules to {@code planner} (idempotent). Calcite's own table-modify rule is removed:
     * it would write through {@code ModifiableTable.getModifiableCollection}, which Synod tables
     * do not have; {@link SynodTableModify} writes to the transaction instead. Calcite's VALUES
     * rule gives way to {@link SynodValuesRule}, its aggregate rules (hashed and sorted) to
     * {@link CheckedSumAggregateRule}, its window rule to {@link CheckedSumWindowRule}. Also removed are:
     * <ul>
     * <li>the join reordering rules (commute, associate, push-through): with them the planner
     *     searches every join order exhaustively, which took tens of seconds for a three-way join
     *     with an IN subquery, and without statistics it has no better order to find than the
     *     written one;</li>
     * <li>the merge-join rule: the output of a LEFT merge join counts as sorted on the right
     *     side's key too, which is NULL for unmatched rows, so a merge join above it missed
     *     rows (joins are hash or nested-loop joins instead);</li>
     * <li>the merge-union rule: it pushes {@code ORDER BY ... LIMIT n} into the inputs of a UNION
     *     even when the union removes duplicates, so an input with duplicates loses rows the
     *     result needed.</li>
     * </ul>
     */
    public static void register(RelOptPlanner planner) {
        for (RelOptRule rule : RULES) {
            planner.addRule(rule);
        }
        planner.removeRule(EnumerableRules.ENUMERABLE_TABLE_MODIFICATION_RULE);
        planner.removeRule(EnumerableRules.ENUMERABLE_VALUES_RULE);
        planner.removeRule(EnumerableRules.ENUMERABLE_MERGE_JOIN_RULE);
        planner.removeRule(EnumerableRules.ENUMERABLE_AGGREGATE_RULE);
        planner.removeRule(EnumerableRules.ENUMERABLE_SORTED_AGGREGATE_RULE);
        planner.removeRule(EnumerableRules.ENUMERABLE_WINDOW_RULE);
        for (RelOptRule rule : List.copyOf(planner.getRules())) {
            if (rule instanceof JoinCommuteRule || rule instanceof JoinAssociateRule
                    || rule instanceof JoinPushThroughJoinRule || rule instanceof EnumerableMergeUnionRule) {
                planner.removeRule(rule);
            }
        }
    }
}
