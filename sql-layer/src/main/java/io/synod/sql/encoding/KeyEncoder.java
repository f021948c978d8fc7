package io.synod.sql.encoding;

import io.synod.sql.types.SqlType;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds an order-preserving key: appended values compare, as unsigned bytes, in SQL order,
 * value by value, so composite keys and key prefixes order like tuples. Each value is a type
 * tag then bytes: NULL sorts first; integers (SMALLINT, INTEGER, BIGINT) by magnitude length
 * then big-endian; DECIMAL normalised (1.0 and 1.00 encode alike) as sign, exponent and base-100
 * digits; REAL/DOUBLE by the IEEE sign trick with -0.0 = 0.0 and NaN last; strings as UTF-8
 * (code point order) and byte strings escaped ({@code 00 → 00 FF}, end {@code 00 01}) so a
 * value that is a prefix of another sorts first. Not thread-safe.
 */
public final class KeyEncoder {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(32);

    public KeyEncoder() {
    }

    /** An encoder whose key starts with {@code prefix} (e.g. {@link KeySpace#indexPrefix}). */
    public KeyEncoder(byte[] prefix) {
        out.writeBytes(prefix);
    }

    /** Encodes {@code values} of {@code types} after {@code prefix} into one key. */
    public static byte[] encode(byte[] prefix, List<SqlType> types, List<?> values) {
        if (types.size() != values.size()) {
            throw new IllegalArgumentException(types.size() + " types for " + values.size() + " values");
        }
        KeyEncoder encoder = new KeyEncoder(prefix);
        for (int i = 0; i < types.size(); i++) {
            encoder.write(types.get(i), values.get(i));
        }
        return encoder.toByteArray();
    }

    /**
     * Appends {@code value} (null or of {@code type}'s Java class, see {@link SqlType}; integral
     * types also take any integral {@link Number}, VARBINARY also a {@code byte[]}).
     */
    public KeyEncoder write(SqlType type, Object value) {
        if (value == null) {
            return writeNull();
        }
        return switch (type) {
            case BOOLEAN -> writeBoolean(Values.cast(type, Boolean.class, value));
            case SMALLINT, INTEGER, BIGINT -> writeLong(Values.integral(type, value));
            case DECIMAL -> writeDecimal(Values.decimal(value));
            case REAL -> writeDouble(Values.cast(type, Float.class, value));
            case DOUBLE -> writeDouble(Values.cast(type, Double.class, value));
            case CHAR, VARCHAR -> writeString(Values.cast(type, String.class, value));
            case VARBINARY -> writeBytes(Values.bytes(value));
            case DATE -> writeDate(Values.cast(type, Integer.class, value));
            case TIME -> writeTime(Values.cast(type, Integer.class, value));
            case TIMESTAMP -> writeTimestamp(Values.cast(type, Long.class, value));
        };
    }

    public KeyEncoder writeNull() {
        out.write(KeyTags.NULL);
        return this;
    }

    public KeyEncoder writeBoolean(boolean value) {
        out.write(value ? KeyTags.TRUE : KeyTags.FALSE);
        return this;
    }

    /** SMALLINT, INTEGER and BIGINT share this encoding, so they compare with each other. */
    public KeyEncoder writeLong(long value) {
        writeOrderedLong(value, false);
        return this;
    }

    /**
     * Tag {@code ZERO ± n} then the magnitude in n big-endian bytes, complemented when negative;
     * {@code complement} inverts every byte (for the exponent of a negative decimal).
     */
    private void writeOrderedLong(long value, boolean complement) {
        int mask = complement ? 0xFF : 0;
        if (value == 0) {
            out.write(KeyTags.INT_ZERO ^ mask);
            return;
        }
        long magnitude = value > 0 ? value : -value; // Long.MIN_VALUE stays 2^63 read unsigned
        int n = (Long.SIZE - Long.numberOfLeadingZeros(magnitude) + 7) / 8;
        long body = value > 0 ? magnitude : ~magnitude;
        out.write((value > 0 ? KeyTags.INT_ZERO + n : KeyTags.INT_ZERO - n) ^ mask);
        for (int i = n - 1; i >= 0; i--) {
            out.write((int) (body >>> (8 * i)) & 0xFF ^ mask);
        }
    }

    /** DECIMAL, normalised: numerically equal values (1.0, 1.00) encode alike. */
    public KeyEncoder writeDecimal(BigDecimal value) {
        int sign = value.signum();
        if (sign == 0) {
            out.write(KeyTags.DECIMAL_ZERO);
            return this;
        }
        BigDecimal normal = value.abs().stripTrailingZeros();
        String digits = normal.unscaledValue().toString();
        // value = 0.<digits> x 10^exponent, first digit non-zero, last digit non-zero
        long exponent = (long) digits.length() - normal.scale();
        boolean negative = sign < 0;
        int mask = negative ? 0xFF : 0;
        out.write(negative ? KeyTags.DECIMAL_NEGATIVE : KeyTags.DECIMAL_POSITIVE);
        writeOrderedLong(exponent, negative);
        for (int i = 0; i < digits.length(); i += 2) {
            int high = digits.charAt(i) - '0';
            int low = i + 1 < digits.length() ? digits.charAt(i + 1) - '0' : 0;
            out.write((high * 10 + low + 1) ^ mask);
        }
        out.write(KeyTags.DIGITS_END ^ mask);
        return this;
    }

    /** REAL (widened exactly) and DOUBLE: -0.0 encodes as 0.0, every NaN as one NaN after +Infinity. */
    public KeyEncoder writeDouble(double value) {
        double canonical = value == 0.0 ? 0.0 : value;
        long bits = Double.doubleToLongBits(canonical); // one NaN bit pattern
        bits = bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
        out.write(KeyTags.DOUBLE);
        Values.writeFixed(out, bits, 8);
        return this;
    }

    /** CHAR and VARCHAR: UTF-8, so order is Unicode code point order. */
    public KeyEncoder writeString(String value) {
        out.write(KeyTags.STRING);
        writeEscaped(utf8(value));
        return this;
    }

    public KeyEncoder writeBytes(byte[] value) {
        out.write(KeyTags.BYTES);
        writeEscaped(value);
        return this;
    }

    /** DATE as days since 1970-01-01. */
    public KeyEncoder writeDate(int days) {
        out.write(KeyTags.DATE);
        Values.writeFixed(out, days ^ Integer.MIN_VALUE, 4);
        return this;
    }

    /** TIME as milliseconds of the day. */
    public KeyEncoder writeTime(int millisOfDay) {
        out.write(KeyTags.TIME);
        Values.writeFixed(out, millisOfDay ^ Integer.MIN_VALUE, 4);
        return this;
    }

    /** TIMESTAMP as milliseconds since the epoch. */
    public KeyEncoder writeTimestamp(long millis) {
        out.write(KeyTags.TIMESTAMP);
        Values.writeFixed(out, millis ^ Long.MIN_VALUE, 8);
        return this;
    }

    /** An unsigned 32-bit big-endian id with no tag (table and index ids in {@link KeySpace}). */
    public KeyEncoder writeU32(int value) {
        Values.writeFixed(out, value, 4);
        return this;
    }

    /** Appends bytes as they are (an already-encoded key part). */
    public KeyEncoder writeRaw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    private void writeEscaped(byte[] bytes) {
        for (byte b : bytes) {
            out.write(b);
            if (b == KeyTags.ESCAPE) {
                out.write(KeyTags.ESCAPED_ZERO);
            }
        }
        out.write(KeyTags.ESCAPE);
        out.write(KeyTags.TERMINATOR);
    }

    /** Strict UTF-8: a string with an unpaired surrogate has no encoding and is refused. */
    static byte[] utf8(String value) {
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(value));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("string is not valid Unicode (unpaired surrogate)", e);
        }
    }
}
