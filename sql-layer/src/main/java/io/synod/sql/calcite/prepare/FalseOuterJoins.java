package io.synod.sql.calcite.prepare;

import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;

import java.util.ArrayList;
import java.util.List;

/**
 * A LEFT or RIGHT join whose condition is always false keeps every row of its preserved side
 * with NULLs for the other: it becomes that projection. Left as a join, Calcite's predicate
 * pull-up over it builds comparisons with NULL and fails its own consistency check (an internal
 * error for {@code ... LEFT JOIN b ON b.id = a.id AND a.id IS NULL}, with {@code a.id} NOT NULL).
 */
final class FalseOuterJoins extends RelHomogeneousShuttle {

    private final RexShuttle intoSubQueries = new RexShuttle() {
        @Override
        public RexNode visitSubQuery(RexSubQuery subQuery) {
            RexSubQuery visited = (RexSubQuery) super.visitSubQuery(subQuery);
            return visited.clone(visited.rel.accept(FalseOuterJoins.this));
        }
    };

    private FalseOuterJoins() {
    }

    static RelNode apply(RelNode rel) {
        return rel.accept(new FalseOuterJoins());
    }

    @Override
    public RelNode visit(RelNode other) {
        RelNode visited = super.visit(other).accept(intoSubQueries);
        if (visited instanceof Join join && join.getCondition().isAlwaysFalse()
                && (join.getJoinType() == JoinRelType.LEFT || join.getJoinType() == JoinRelType.RIGHT)) {
            return preservedSideOnly(join);
        }
        return visited;
    }

    private static RelNode preservedSideOnly(Join join) {
        boolean left = join.getJoinType() == JoinRelType.LEFT;
        RelNode preserved = left ? join.getLeft() : join.getRight();
        int leftCount = join.getLeft().getRowType().getFieldCount();
        RexBuilder rex = join.getCluster().getRexBuilder();
        List<RelDataTypeField> fields = join.getRowType().getFieldList();
        List<RexNode> projects = new ArrayList<>(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            boolean fromPreserved = left ? i < leftCount : i >= leftCount;
            projects.add(fromPreserved ? rex.makeInputRef(preserved, left ? i : i - leftCount)
                    : rex.makeNullLiteral(fields.get(i).getType()));
        }
        return LogicalProject.create(preserved, List.of(), projects, join.getRowType(), join.getVariablesSet());
    }
}
