package io.synod.sql.encoding;

import io.synod.sql.types.SqlType;
import io.synod.sql.types.SqlTypeDescriptor;
import org.apache.calcite.avatica.util.ByteString;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Reads back what {@link KeyEncoder} wrote, value by value from a position in a key. Values are
 * self-describing (tagged), so {@link #skip()} needs no type. A key that does not follow the
 * encoding fails with {@link IllegalArgumentException}.
 */
public final class KeyDecoder {

    private final byte[] key;
    private int position;

    public KeyDecoder(byte[] key) {
        this(key, 0);
    }

    public KeyDecoder(byte[] key, int offset) {
        if (offset < 0 || offset > key.length) {
            throw new IllegalArgumentException("offset " + offset + " outside a key of " + key.length + " bytes");
        }
        this.key = key;
        this.position = offset;
    }

    public int position() {
        return position;
    }

    public boolean hasRemaining() {
        return position < key.length;
    }

    /** Reads a value as the Java class of {@code type} (see {@link SqlType}); null for NULL. */
    public Object read(SqlType type) {
        int tag = peekTag();
        if (tag == KeyTags.NULL) {
            position++;
            return null;
        }
        return switch (type) {
            case BOOLEAN -> readBoolean();
            case SMALLINT, INTEGER, BIGINT -> Values.narrow(type, readLong());
            case DECIMAL -> readDecimal();
            case REAL -> (float) readDouble();
            case DOUBLE -> readDouble();
            case CHAR, VARCHAR -> readString();
            case VARBINARY -> new ByteString(readBytes());
            case DATE -> readDate();
            case TIME -> readTime();
            case TIMESTAMP -> readTimestamp();
        };
    }

    /**
     * Reads a value of a declared type: as {@link #read(SqlType)}, and a DECIMAL with a declared
     * scale comes back at that scale (keys hold decimals normalised).
     */
    public Object read(SqlTypeDescriptor type) {
        Object value = read(type.type());
        if (value instanceof BigDecimal d && type.scale() != SqlTypeDescriptor.UNSPECIFIED) {
            return Decimals.atScale(d, type.scale());
        }
        return value;
    }

    public boolean readBoolean() {
        int tag = nextTag();
        if (tag != KeyTags.TRUE && tag != KeyTags.FALSE) {
            throw corrupt("a BOOLEAN");
        }
        return tag == KeyTags.TRUE;
    }

    public long readLong() {
        int tag = nextTag();
        if (tag < KeyTags.INT_MIN || tag > KeyTags.INT_MAX) {
            throw corrupt("an integer");
        }
        return readOrderedLong(tag, 0);
    }

    private long readOrderedLong(int tag, int mask) {
        if (tag == KeyTags.INT_ZERO) {
            return 0;
        }
        int n = Math.abs(tag - KeyTags.INT_ZERO);
        long body = readFixed(n, mask);
        if (tag > KeyTags.INT_ZERO) {
            return body;
        }
        long magnitude = n == 8 ? ~body : ~body & ((1L << (8 * n)) - 1);
        return -magnitude;
    }

    /** A DECIMAL in its normalised form (trailing zeros stripped). */
    public BigDecimal readDecimal() {
        int tag = nextTag();
        if (tag == KeyTags.DECIMAL_ZERO) {
            return BigDecimal.ZERO;
        }
        if (tag != KeyTags.DECIMAL_POSITIVE && tag != KeyTags.DECIMAL_NEGATIVE) {
            throw corrupt("a DECIMAL");
        }
        int mask = tag == KeyTags.DECIMAL_NEGATIVE ? 0xFF : 0;
        int exponentTag = nextTag() ^ mask;
        if (exponentTag < KeyTags.INT_MIN || exponentTag > KeyTags.INT_MAX) {
            throw corrupt("a DECIMAL exponent");
        }
        long exponent = readOrderedLong(exponentTag, mask);
        StringBuilder digits = new StringBuilder();
        while (true) {
            int b = nextTag() ^ mask;
            if (b == KeyTags.DIGITS_END) {
                break;
            }
            if (b > 100) {
                throw corrupt("DECIMAL digits");
            }
            int pair = b - 1;
            digits.append((char) ('0' + pair / 10)).append((char) ('0' + pair % 10));
        }
        if (digits.length() == 0) {
            throw corrupt("DECIMAL digits");
        }
        if (digits.charAt(digits.length() - 1) == '0') {
            digits.setLength(digits.length() - 1); // padding of an odd digit count
        }
        long scale = digits.length() - exponent;
        if (scale != (int) scale) {
            throw corrupt("a DECIMAL scale");
        }
        BigDecimal value = new BigDecimal(new BigInteger(digits.toString()), (int) scale);
        return mask == 0 ? value : value.negate();
    }

    public double readDouble() {
        expect(KeyTags.DOUBLE, "a DOUBLE");
        long bits = readFixed(8, 0);
        bits = bits < 0 ? bits ^ Long.MIN_VALUE : ~bits;
        return Double.longBitsToDouble(bits);
    }

    public String readString() {
        expect(KeyTags.STRING, "a string");
        return new String(readEscaped(), StandardCharsets.UTF_8);
    }

    public byte[] readBytes() {
        expect(KeyTags.BYTES, "a byte string");
        return readEscaped();
    }

    public int readDate() {
        expect(KeyTags.DATE, "a DATE");
        return (int) readFixed(4, 0) ^ Integer.MIN_VALUE;
    }

    public int readTime() {
        expect(KeyTags.TIME, "a TIME");
        return (int) readFixed(4, 0) ^ Integer.MIN_VALUE;
    }

    public long readTimestamp() {
        expect(KeyTags.TIMESTAMP, "a TIMESTAMP");
        return readFixed(8, 0) ^ Long.MIN_VALUE;
    }

    /** Skips one tagged value of any type. */
    public void skip() {
        int tag = peekTag();
        switch (tag) {
            case KeyTags.NULL, KeyTags.FALSE, KeyTags.TRUE, KeyTags.DECIMAL_ZERO -> position++;
            case KeyTags.DECIMAL_NEGATIVE, KeyTags.DECIMAL_POSITIVE -> readDecimal();
            case KeyTags.DOUBLE -> readDouble();
            case KeyTags.STRING, KeyTags.BYTES -> {
                position++;
                readEscaped();
            }
            case KeyTags.DATE, KeyTags.TIME -> position += 5;
            case KeyTags.TIMESTAMP -> position += 9;
            default -> {
                if (tag >= KeyTags.INT_MIN && tag <= KeyTags.INT_MAX) {
                    readLong();
                } else {
                    throw corrupt("a value");
                }
            }
        }
        if (position > key.length) {
            throw corrupt("a complete value");
        }
    }

    private int peekTag() {
        if (position >= key.length) {
            throw corrupt("another value");
        }
        return key[position] & 0xFF;
    }

    private int nextTag() {
        int tag = peekTag();
        position++;
        return tag;
    }

    private void expect(int tag, String what) {
        if (nextTag() != tag) {
            position--;
            throw corrupt(what);
        }
    }

    private long readFixed(int bytes, int mask) {
        if (position + bytes > key.length) {
            throw corrupt(bytes + " more bytes");
        }
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v = (v << 8) | ((key[position++] ^ mask) & 0xFF);
        }
        return v;
    }

    private byte[] readEscaped() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            int b = nextTag();
            if (b != KeyTags.ESCAPE) {
                out.write(b);
                continue;
            }
            int next = nextTag();
            if (next == KeyTags.TERMINATOR) {
                return out.toByteArray();
            }
            if (next != KeyTags.ESCAPED_ZERO) {
                throw corrupt("an escaped byte");
            }
            out.write(0);
        }
    }

    private IllegalArgumentException corrupt(String expected) {
        return new IllegalArgumentException("malformed key: expected " + expected + " at byte " + position
                + " of " + key.length);
    }
}
