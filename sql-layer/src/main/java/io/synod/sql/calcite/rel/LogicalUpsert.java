package io.synod.sql.calcite.rel;

import java.util.List;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.logical.LogicalTableModify;

/**
 * {@code UPSERT INTO t ...} before implementation: an INSERT whose rows replace any row of the
 * same primary key instead of failing with 23505. Its input rows are whole table rows (columns
 * the statement does not name hold their defaults), as an INSERT's are.
 */
public final class LogicalUpsert extends TableModify {

    private LogicalUpsert(RelOptCluster cluster, RelTraitSet traits, RelOptTable table,
                          Prepare.CatalogReader catalogReader, RelNode input, boolean flattened) {
        super(cluster, traits, table, catalogReader, input, Operation.INSERT, null, null, flattened);
    }

    /** The upsert of the rows {@code insert} would insert. */
    public static LogicalUpsert of(LogicalTableModify insert) {
        if (insert.getOperation() != Operation.INSERT) {
            throw new IllegalArgumentException("an UPSERT is an INSERT, not " + insert.getOperation());
        }
        return new LogicalUpsert(insert.getCluster(), insert.getTraitSet().replace(Convention.NONE), insert.getTable(),
                insert.getCatalogReader(), insert.getInput(), insert.isFlattened());
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new LogicalUpsert(getCluster(), traitSet, getTable(), getCatalogReader(), sole(inputs), isFlattened());
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw).item("upsert", true);
    }
}
