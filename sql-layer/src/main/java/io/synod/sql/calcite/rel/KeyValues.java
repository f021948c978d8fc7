package io.synod.sql.calcite.rel;

import io.synod.sql.calcite.exec.ValueCoercion;
import io.synod.sql.catalog.ColumnDef;
import io.synod.sql.types.SqlType;
import java.math.BigDecimal;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Turns the value side of a comparison with a key column into a {@link KeyValue}, when the
 * comparison means the same on encoded keys: a literal exactly representable in the column's
 * type (else the predicate stays with Calcite), or a dynamic parameter of the column's type.
 */
final class KeyValues {

    private KeyValues() {
    }

    /** The key value of {@code node} compared with {@code column} of type {@code columnType}, or null. */
    static KeyValue of(RexNode node, ColumnDef column, RelDataType columnType) {
        if (node instanceof RexDynamicParam param) {
            return sameFamily(param.getType(), columnType) ? KeyValue.parameter(param.getIndex()) : null;
        }
        if (node.getKind() == SqlKind.CAST && ((RexCall) node).getOperands().get(0) instanceof RexDynamicParam param
                && sameFamily(node.getType(), columnType)) {
            return KeyValue.parameter(param.getIndex());
        }
        if (node instanceof RexLiteral literal && !literal.isNull() && sameFamily(literal.getType(), columnType)) {
            Object value = literalValue(literal, column);
            return value == null ? null : KeyValue.constant(value);
        }
        return null;
    }

    private static boolean sameFamily(RelDataType a, RelDataType b) {
        return a.getFamily() == b.getFamily();
    }

    /** The literal as a value of the column's type, or null if it is not exactly one. */
    private static Object literalValue(RexLiteral literal, ColumnDef column) {
        SqlType type = column.type().type();
        switch (type) {
            case SMALLINT, INTEGER, BIGINT -> {
                BigDecimal d = literal.getValueAs(BigDecimal.class);
                try {
                    long v = d.longValueExact();
                    return switch (type) {
                        case SMALLINT -> v == (short) v ? (Object) (short) v : null;
                        case INTEGER -> v == (int) v ? (Object) (int) v : null;
                        default -> v;
                    };
                } catch (ArithmeticException notIntegral) {
                    return null;
                }
            }
            case DECIMAL -> {
                return literal.getValueAs(BigDecimal.class);
            }
            case DOUBLE -> {
                return literal.getValueAs(Double.class);
            }
            case REAL -> {
                double d = literal.getValueAs(Double.class);
                return (double) (float) d == d ? (Object) (float) d : null;
            }
            case BOOLEAN -> {
                return literal.getValueAs(Boolean.class);
            }
            case CHAR, VARCHAR -> {
                return ValueCoercion.charKey(literal.getValueAs(String.class), column);
            }
            case VARBINARY -> {
                return literal.getValueAs(ByteString.class);
            }
            case DATE -> {
                return literal.getTypeName() == SqlTypeName.DATE ? literal.getValueAs(Integer.class) : null;
            }
            case TIME -> {
                return literal.getTypeName() == SqlTypeName.TIME ? literal.getValueAs(Integer.class) : null;
            }
            case TIMESTAMP -> {
                return literal.getTypeName() == SqlTypeName.TIMESTAMP ? literal.getValueAs(Long.class) : null;
            }
            default -> {
                return null;
            }
        }
    }
}
