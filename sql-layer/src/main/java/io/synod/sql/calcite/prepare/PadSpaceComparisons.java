package io.synod.sql.calcite.prepare;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.fun.SqlTrimFunction;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Gives comparisons with a CHAR(n) value PAD SPACE semantics: trailing blanks do not count, so
 * a CHAR(4) column holding {@code 'ab  '} equals {@code 'ab'}. Calcite compares the stored,
 * blank-padded string as it is. Each comparison (and IN list, and range) with an operand read
 * from a CHAR value compares both sides without their trailing blanks; for strings whose
 * characters after the common prefix are all at or above the blank, as text is, that orders
 * exactly as padding the shorter with blanks would.
 */
final class PadSpaceComparisons extends PlanRexShuttle {

    private static final Set<SqlKind> COMPARISONS = EnumSet.of(SqlKind.EQUALS, SqlKind.NOT_EQUALS,
            SqlKind.LESS_THAN, SqlKind.LESS_THAN_OR_EQUAL, SqlKind.GREATER_THAN, SqlKind.GREATER_THAN_OR_EQUAL,
            SqlKind.IS_DISTINCT_FROM, SqlKind.IS_NOT_DISTINCT_FROM);

    private final RexBuilder rexBuilder;
    private PadSpaceComparisons(RexBuilder rexBuilder) {
        this.rexBuilder = rexBuilder;
    }

    /** {@code rel} with every comparison involving a CHAR value rewritten, subqueries included. */
    static RelNode apply(RelNode rel) {
        return new PadSpaceComparisons(rel.getCluster().getRexBuilder()).rewrite(rel);
    }

    @Override
    public RexNode visitCall(RexCall call) {
        if (call.getKind() == SqlKind.SEARCH && readsChar(call.getOperands().get(0))) {
            return RexUtil.expandSearch(rexBuilder, null, call).accept(this);
        }
        RexCall visited = (RexCall) super.visitCall(call);
        if (!COMPARISONS.contains(visited.getKind()) || visited.getOperands().size() != 2) {
            return visited;
        }
        RexNode left = visited.getOperands().get(0);
        RexNode right = visited.getOperands().get(1);
        if (!isString(left) || !isString(right) || !(readsChar(left) || readsChar(right))) {
            return visited;
        }
        return visited.clone(visited.getType(), List.of(trimTrailing(left), trimTrailing(right)));
    }

    private RexNode trimTrailing(RexNode operand) {
        return rexBuilder.makeCall(SqlStdOperatorTable.TRIM, rexBuilder.makeFlag(SqlTrimFunction.Flag.TRAILING),
                rexBuilder.makeLiteral(" "), operand);
    }

    private static boolean isString(RexNode node) {
        return SqlTypeFamily.CHARACTER.contains(node.getType());
    }

    /** A CHAR value that is not a literal, or a cast of one (Calcite casts CHAR to VARCHAR to compare). */
    private static boolean readsChar(RexNode node) {
        if (node instanceof RexLiteral) {
            return false;
        }
        if (node.getType().getSqlTypeName() == SqlTypeName.CHAR) {
            return true;
        }
        return node.getKind() == SqlKind.CAST && readsChar(((RexCall) node).getOperands().get(0));
    }
}
