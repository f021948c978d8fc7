package io.synod.sql.calcite.prepare;

import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;

/** A rewrite of the expressions of a whole converted plan, those inside subqueries included. */
abstract class PlanRexShuttle extends RexShuttle {

    private final RelHomogeneousShuttle relShuttle = new RelHomogeneousShuttle() {
        @Override
        public RelNode visit(RelNode other) {
            return super.visit(other).accept(PlanRexShuttle.this);
        }
    };

    /** {@code rel} with every expression rewritten. */
    final RelNode rewrite(RelNode rel) {
        return rel.accept(relShuttle);
    }

    @Override
    public RexNode visitSubQuery(RexSubQuery subQuery) {
        RexSubQuery visited = (RexSubQuery) super.visitSubQuery(subQuery);
        return visited.clone(visited.rel.accept(relShuttle));
    }
}
