package io.synod.sql.calcite.rel;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;

/** Pushes a projection of plain columns into the scan below it: only those columns come out. */
final class SynodProjectRule extends RelRule<RuleConfig> {

    static final RelOptRule INSTANCE = RuleConfig.of("SynodProjectRule",
            b0 -> b0.operand(LogicalProject.class).oneInput(b1 -> b1.operand(SynodTableScan.class)
                    .predicate(scan -> scan.spec().projection() == null).noInputs()),
            SynodProjectRule::new).toRule();

    private SynodProjectRule(RuleConfig config) {
        super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        LogicalProject project = call.rel(0);
        SynodTableScan scan = call.rel(1);
        List<Integer> columns = new ArrayList<>();
        for (RexNode e : project.getProjects()) {
            if (!(e instanceof RexInputRef ref) || columns.contains(ref.getIndex())) {
                return;
            }
            columns.add(ref.getIndex());
        }
        if (columns.isEmpty()) {
            return; // COUNT(*) projects nothing; a scan returns at least one column
        }
        SynodTableScan pushed = scan.withSpec(scan.spec().withProjection(columns));
        call.transformTo(call.builder().push(pushed).rename(project.getRowType().getFieldNames()).build());
    }
}
