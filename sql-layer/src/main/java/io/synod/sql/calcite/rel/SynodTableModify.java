package io.synod.sql.calcite.rel;

import io.synod.sql.calcite.exec.ModifyRunner;
import io.synod.sql.calcite.schema.SynodTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rex.RexNode;

/**
 * INSERT (or UPSERT: an insert replacing the row of the same key), UPDATE, DELETE and MERGE into
 * a Synod table: the generated code hands the input rows to
 * a {@link ModifyRunner} (stashed in the plan), which writes rows and index entries into the
 * session's current transaction and returns the number of rows affected.
 */
public final class SynodTableModify extends TableModify implements EnumerableRel {

    private final boolean upsert;

    SynodTableModify(RelOptCluster cluster, RelTraitSet traits, RelOptTable table,
                     Prepare.CatalogReader catalogReader, RelNode input, Operation operation,
                     List<String> updateColumnList, List<RexNode> sourceExpressionList, boolean flattened,
                     boolean upsert) {
        super(cluster, traits, table, catalogReader, input, operation, updateColumnList, sourceExpressionList,
                flattened);
        this.upsert = upsert;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new SynodTableModify(getCluster(), traitSet, getTable(), getCatalogReader(), sole(inputs),
                getOperation(), getUpdateColumnList(), getSourceExpressionList(), isFlattened(), upsert);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw).itemIf("upsert", true, upsert);
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        SynodTable table = getTable().unwrapOrThrow(SynodTable.class);
        Result input = implementor.visitChild(this, 0, (EnumerableRel) getInput(), Prefer.ARRAY);
        BlockBuilder builder = new BlockBuilder();
        Expression rows = builder.append("rows", input.block);
        Expression arrays = input.physType.convertTo(rows, JavaRowFormat.ARRAY);
        List<Integer> updateColumns = new ArrayList<>();
        if (getUpdateColumnList() != null) {
            for (String name : getUpdateColumnList()) {
                updateColumns.add(getTable().getRowType().getField(name, true, false).getIndex());
            }
        }
        ModifyRunner runner = new ModifyRunner(table.session(), table.def(), getOperation(), updateColumns, upsert);
        Expression stashed = implementor.stash(runner, ModifyRunner.class);
        builder.add(Expressions.return_(null, Expressions.call(stashed, ModifyRunner.RUN, arrays)));
        PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.SCALAR);
        return implementor.result(physType, builder.toBlock());
    }
}
