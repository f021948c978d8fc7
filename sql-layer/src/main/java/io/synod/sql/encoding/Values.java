package io.synod.sql.encoding;

import io.synod.sql.types.SqlType;
import org.apache.calcite.avatica.util.ByteString;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;

/** Checks and widens Java values into the form the encoders take. */
final class Values {

    private Values() {
    }

    /** An integral value of SMALLINT/INTEGER/BIGINT as a long, refusing fractions and out-of-range values. */
    static long integral(SqlType type, Object value) {
        long v;
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            v = ((Number) value).longValue();
        } else if (value instanceof BigInteger b && b.bitLength() < Long.SIZE) {
            v = b.longValue();
        } else {
            throw new IllegalArgumentException(type + " value must be an integral number, not "
                    + value.getClass().getName());
        }
        long min = type == SqlType.SMALLINT ? Short.MIN_VALUE : type == SqlType.INTEGER ? Integer.MIN_VALUE : Long.MIN_VALUE;
        long max = type == SqlType.SMALLINT ? Short.MAX_VALUE : type == SqlType.INTEGER ? Integer.MAX_VALUE : Long.MAX_VALUE;
        if (v < min || v > max) {
            throw new IllegalArgumentException(v + " is out of range for " + type);
        }
        return v;
    }

    static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        throw new IllegalArgumentException("DECIMAL value must be a BigDecimal, not " + value.getClass().getName());
    }

    static byte[] bytes(Object value) {
        if (value instanceof ByteString b) {
            return b.getBytes();
        }
        if (value instanceof byte[] b) {
            return b;
        }
        throw new IllegalArgumentException("VARBINARY value must be a ByteString, not " + value.getClass().getName());
    }

    /** Narrows a decoded integer to the Java class of {@code type}. */
    static Object narrow(SqlType type, long v) {
        return switch (type) {
            case SMALLINT -> (short) v;
            case INTEGER -> (int) v;
            case BIGINT -> v;
            default -> throw new IllegalArgumentException("not an integral type: " + type);
        };
    }

    /** {@code value} as a {@code expected}, refusing another Java class for {@code type}. */
    static <T> T cast(SqlType type, Class<T> expected, Object value) {
        if (!expected.isInstance(value)) {
            throw new IllegalArgumentException(type + " value must be a " + expected.getSimpleName() + ", not "
                    + value.getClass().getName());
        }
        return expected.cast(value);
    }

    /** Writes the low {@code bytes} bytes of {@code value}, big-endian. */
    static void writeFixed(ByteArrayOutputStream out, long value, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (value >>> (8 * i)) & 0xFF);
        }
    }
}
