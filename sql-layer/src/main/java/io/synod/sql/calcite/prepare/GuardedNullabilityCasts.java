package io.synod.sql.calcite.prepare;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Removes the casts from a nullable value to the same type NOT NULL that Calcite puts into the
 * branches of a CASE (COALESCE(x, y) becomes {@code CASE WHEN x IS NOT NULL THEN CAST(x AS T NOT
 * NULL) ELSE y END}). Such a cast is only right under its guard, and Calcite's simplifier drops
 * the guard: it takes {@code x IS NOT NULL AND a > CAST(x)} for {@code a > CAST(x)} as it would
 * for {@code a > x}, and the generated code reads a NULL x cast to NOT NULL as 0. The CASE keeps
 * its type, so the plan's row types are unchanged; each branch then carries its value as is.
 */
final class GuardedNullabilityCasts extends PlanRexShuttle {

    private final RexBuilder rexBuilder;

    private GuardedNullabilityCasts(RexBuilder rexBuilder) {
        this.rexBuilder = rexBuilder;
    }

    /** {@code rel} with no nullability-only cast in a CASE branch, subqueries included. */
    static RelNode apply(RelNode rel) {
        return new GuardedNullabilityCasts(rel.getCluster().getRexBuilder()).rewrite(rel);
    }

    @Override
    public RexNode visitCall(RexCall call) {
        RexCall visited = (RexCall) super.visitCall(call);
        if (visited.getKind() != SqlKind.CASE) {
            return visited;
        }
        List<RexNode> operands = visited.getOperands();
        List<RexNode> rewritten = new ArrayList<>(operands);
        boolean changed = false;
        for (int i = 0; i < operands.size(); i++) {
            boolean isValue = i % 2 == 1 || i == operands.size() - 1;
            if (isValue && isNullabilityCast(operands.get(i))) {
                rewritten.set(i, ((RexCall) operands.get(i)).getOperands().get(0));
                changed = true;
            }
        }
        return changed ? rexBuilder.makeCall(visited.getType(), visited.getOperator(), rewritten) : visited;
    }

    private boolean isNullabilityCast(RexNode node) {
        if (node.getKind() != SqlKind.CAST) {
            return false;
        }
        RelDataType target = node.getType();
        RelDataType source = ((RexCall) node).getOperands().get(0).getType();
        RelDataTypeFactory typeFactory = rexBuilder.getTypeFactory();
        return source.isNullable() && !target.isNullable()
                && SqlTypeUtil.equalSansNullability(typeFactory, source, target);
    }
}
