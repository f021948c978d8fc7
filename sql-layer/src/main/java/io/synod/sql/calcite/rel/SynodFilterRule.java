package io.synod.sql.calcite.rel;

import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexUtil;

/**
 * Pushes the key predicates of a filter into the access path of the scan below it (a point get,
 * a key range or an index range); the other conjuncts stay in a filter above.
 */
final class SynodFilterRule extends RelRule<RuleConfig> {

    static final RelOptRule INSTANCE = RuleConfig.of("SynodFilterRule",
            b0 -> b0.operand(LogicalFilter.class).oneInput(b1 -> b1.operand(SynodTableScan.class)
                    .predicate(scan -> scan.spec().equals(ScanSpec.FULL_SCAN)).noInputs()),
            SynodFilterRule::new).toRule();

    private SynodFilterRule(RuleConfig config) {
        super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        LogicalFilter filter = call.rel(0);
        SynodTableScan scan = call.rel(1);
        RexBuilder rexBuilder = filter.getCluster().getRexBuilder();
        AccessPaths.Choice choice = AccessPaths.choose(rexBuilder, scan.synodTable().def(), scan.getRowType(),
                filter.getCondition());
        if (choice == null) {
            return;
        }
        RelNode pushed = scan.withSpec(scan.spec().withPath(choice.path()));
        if (!choice.residual().isEmpty()) {
            pushed = filter.copy(filter.getTraitSet(), pushed, RexUtil.composeConjunction(rexBuilder,
                    choice.residual()));
        }
        call.transformTo(pushed);
    }
}
