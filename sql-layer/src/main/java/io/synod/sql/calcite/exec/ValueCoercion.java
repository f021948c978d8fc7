package io.synod.sql.calcite.exec;

import io.synod.sql.SqlStateException;
import io.synod.sql.catalog.ColumnDef;
import io.synod.sql.types.SqlType;
import io.synod.sql.types.SqlTypeDescriptor;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.runtime.SqlFunctions;

/**
 * Stores a value into a column: converts it to the column type's Java class (see
 * {@link SqlType}) and checks it fits, as SQL assignment does. Numbers out of range fail with
 * 22003, strings and byte strings too long with 22001 (trailing blanks are cut silently, as the
 * standard allows), values of another kind with 42804.
 */
public final class ValueCoercion {

    private ValueCoercion() {
    }

    /** {@code value} as stored in {@code column} (null stays null; NOT NULL is checked elsewhere). */
    public static Object toColumn(Object value, ColumnDef column) {
        if (value == null) {
            return null;
        }
        SqlTypeDescriptor type = column.type();
        return switch (type.type()) {
            case BOOLEAN -> {
                if (value instanceof Boolean) {
                    yield value;
                }
                throw mismatch(value, column);
            }
            case SMALLINT -> (short) integral(value, Short.MIN_VALUE, Short.MAX_VALUE, column);
            case INTEGER -> (int) integral(value, Integer.MIN_VALUE, Integer.MAX_VALUE, column);
            case BIGINT -> integral(value, Long.MIN_VALUE, Long.MAX_VALUE, column);
            case DECIMAL -> decimal(value, column);
            case REAL -> {
                double d = number(value, column).doubleValue();
                float f = (float) d;
                if (Float.isInfinite(f) && !Double.isInfinite(d)) {
                    throw outOfRange(value, column);
                }
                yield f;
            }
            case DOUBLE -> number(value, column).doubleValue();
            case CHAR, VARCHAR -> string(value, column);
            case VARBINARY -> bytes(value, column);
            case DATE -> {
                if (value instanceof Integer) {
                    yield value;
                }
                if (value instanceof java.sql.Date d) {
                    yield SqlFunctions.toInt(d);
                }
                if (value instanceof LocalDate d) {
                    yield Math.toIntExact(d.toEpochDay());
                }
                throw mismatch(value, column);
            }
            case TIME -> {
                if (value instanceof Integer) {
                    yield value;
                }
                if (value instanceof java.sql.Time t) {
                    yield SqlFunctions.toInt(t);
                }
                if (value instanceof LocalTime t) {
                    yield (int) (t.toNanoOfDay() / 1_000_000);
                }
                throw mismatch(value, column);
            }
            case TIMESTAMP -> {
                if (value instanceof Long) {
                    yield value;
                }
                if (value instanceof java.sql.Timestamp t) {
                    yield SqlFunctions.toLong(t);
                }
                if (value instanceof LocalDateTime t) {
                    yield t.toInstant(ZoneOffset.UTC).toEpochMilli();
                }
                throw mismatch(value, column);
            }
        };
    }

    /**
     * A CHAR(n) value as stored: blank-padded to n characters; null if it cannot fit (more than
     * n characters before its trailing blanks). Other string types are returned as they are.
     */
    public static String charKey(String value, ColumnDef column) {
        if (column.type().type() != SqlType.CHAR) {
            return value;
        }
        int length = charLength(column.type());
        String trimmed = value.stripTrailing();
        int have = trimmed.codePointCount(0, trimmed.length());
        if (have > length) {
            return null;
        }
        return trimmed + " ".repeat(length - have);
    }

    private static int charLength(SqlTypeDescriptor type) {
        return type.precision() == SqlTypeDescriptor.UNSPECIFIED ? 1 : type.precision();
    }

    private static long integral(Object value, long min, long max, ColumnDef column) {
        long v;
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            v = ((Number) value).longValue();
        } else if (value instanceof BigDecimal || value instanceof BigInteger || value instanceof Double
                || value instanceof Float) {
            BigDecimal d = decimalOf(value, column).setScale(0, RoundingMode.HALF_UP);
            if (d.toBigInteger().bitLength() >= Long.SIZE) {
                throw outOfRange(value, column);
            }
            v = d.longValue();
        } else {
            throw mismatch(value, column);
        }
        if (v < min || v > max) {
            throw outOfRange(value, column);
        }
        return v;
    }

    private static Number number(Object value, ColumnDef column) {
        if (value instanceof Number n) {
            return n;
        }
        throw mismatch(value, column);
    }

    private static BigDecimal decimalOf(Object value, ColumnDef column) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw outOfRange(value, column);
            }
            return BigDecimal.valueOf(d);
        }
        if (value instanceof Number n) {
            return BigDecimal.valueOf(n.longValue());
        }
        throw mismatch(value, column);
    }

    private static BigDecimal decimal(Object value, ColumnDef column) {
        BigDecimal d = decimalOf(value, column);
        SqlTypeDescriptor type = column.type();
        int scale = type.scale() == SqlTypeDescriptor.UNSPECIFIED ? 0 : type.scale();
        d = d.setScale(scale, RoundingMode.HALF_UP);
        if (type.precision() != SqlTypeDescriptor.UNSPECIFIED && d.precision() - d.scale() > type.precision() - scale
                && d.signum() != 0) {
            throw new SqlStateException("22003", "numeric field overflow: " + value + " does not fit "
                    + type + " (column " + column.name() + ")");
        }
        return d;
    }

    private static String string(Object value, ColumnDef column) {
        if (!(value instanceof String s)) {
            throw mismatch(value, column);
        }
        SqlTypeDescriptor type = column.type();
        if (type.type() == SqlType.CHAR) {
            String padded = charKey(s, column);
            if (padded == null) {
                throw tooLong(column);
            }
            return padded;
        }
        if (type.precision() == SqlTypeDescriptor.UNSPECIFIED || s.codePointCount(0, s.length()) <= type.precision()) {
            return s;
        }
        String trimmed = s.stripTrailing();
        if (trimmed.codePointCount(0, trimmed.length()) > type.precision()) {
            throw tooLong(column);
        }
        return trimmed + " ".repeat(type.precision() - trimmed.codePointCount(0, trimmed.length()));
    }

    private static ByteString bytes(Object value, ColumnDef column) {
        ByteString b;
        if (value instanceof ByteString bs) {
            b = bs;
        } else if (value instanceof byte[] array) {
            b = new ByteString(array);
        } else {
            throw mismatch(value, column);
        }
        if (column.type().precision() != SqlTypeDescriptor.UNSPECIFIED && b.length() > column.type().precision()) {
            throw tooLong(column);
        }
        return b;
    }

    private static SqlStateException tooLong(ColumnDef column) {
        return new SqlStateException("22001", "value too long for type " + column.type() + " (column "
                + column.name() + ")");
    }

    private static SqlStateException outOfRange(Object value, ColumnDef column) {
        return new SqlStateException("22003", "value " + value + " is out of range for type " + column.type()
                + " (column " + column.name() + ")");
    }

    private static SqlStateException mismatch(Object value, ColumnDef column) {
        return new SqlStateException("42804", "column " + column.name() + " is of type " + column.type()
                + " but the value is a " + value.getClass().getSimpleName());
    }
}
