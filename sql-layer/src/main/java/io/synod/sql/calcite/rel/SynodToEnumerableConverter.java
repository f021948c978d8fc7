package io.synod.sql.calcite.rel;

import io.synod.sql.calcite.exec.ScanRunner;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterImpl;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

/**
 * Runs a {@link SynodTableScan} inside an enumerable plan: the generated code calls a
 * {@link ScanRunner} (stashed in the plan) that walks the access path in the session's current
 * transaction. Rows are arrays, or bare values for a single column.
 */
public final class SynodToEnumerableConverter extends ConverterImpl implements EnumerableRel {

    SynodToEnumerableConverter(RelOptCluster cluster, RelTraitSet traits, RelNode input) {
        super(cluster, ConventionTraitDef.INSTANCE, traits, input);
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new SynodToEnumerableConverter(getCluster(), traitSet, sole(inputs));
    }

    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
        RelOptCost cost = super.computeSelfCost(planner, mq);
        return cost == null ? null : cost.multiplyBy(0.1);
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        SynodTableScan scan = (SynodTableScan) getInput();
        PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
        ScanRunner runner = new ScanRunner(scan.synodTable().session(), scan.synodTable().def(), scan.spec(),
                physType.getFormat() == JavaRowFormat.SCALAR);
        Expression stashed = implementor.stash(runner, ScanRunner.class);
        BlockBuilder builder = new BlockBuilder();
        builder.add(Expressions.return_(null,
                Expressions.call(stashed, ScanRunner.RUN, implementor.getRootExpression())));
        return implementor.result(physType, builder.toBlock());
    }
}
