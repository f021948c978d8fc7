package io.synod.sql.calcite.rel;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;

/** The planner rules for Synod tables, added to a statement's planner when it meets one. */
public final class SynodRules {

    public static final List<RelOptRule> RULES = List.of(
            SynodFilterRule.INSTANCE,
            SynodProjectRule.INSTANCE,
            SynodSortRule.SORT,
            SynodSortRule.LIMIT,
            SynodToEnumerableConverterRule.INSTANCE,
            SynodTableModifyRule.INSTANCE);

    private SynodRules() {
    }

    /**
     * Adds the rules to {@code planner} (idempotent). Calcite's own table-modify rule is removed:
     * it would write through {@code ModifiableTable.getModifiableCollection}, which Synod tables
     * do not have; {@link SynodTableModify} writes to the transaction instead.
     */
    public static void register(RelOptPlanner planner) {
        for (RelOptRule rule : RULES) {
            planner.addRule(rule);
        }
        planner.removeRule(EnumerableRules.ENUMERABLE_TABLE_MODIFICATION_RULE);
    }
}
