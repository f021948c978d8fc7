package io.synod.sql.encoding;

import io.synod.sql.types.SqlType;
import io.synod.sql.types.SqlTypeDescriptor;
import org.apache.calcite.avatica.util.ByteString;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Encodes a table row compactly, by column id, so a row written before
 * {@code ALTER TABLE ADD COLUMN} is still read right after it: a column the row does not know
 * (an id above the highest it holds) reads as the column's {@code missingValue} (its DEFAULT at
 * the time it was added, or NULL). Layout: format byte {@code 1}; varint highest column id
 * {@code m}; a bitmap of {@code m} bits (bit {@code id-1} set = a non-NULL value follows); then
 * per set bit, ascending, a varint length and the value's bytes (integers zigzag varints,
 * REAL/DOUBLE IEEE bits, DECIMAL zigzag scale then unscaled two's complement, strings UTF-8).
 * Values of unknown ids (a newer writer's columns) are skipped. Immutable and thread-safe.
 */
public final class RowCodec {

    /** One column of the layout: its id (1 and up), type, and the value rows written before it existed hold. */
    public record Column(int id, SqlTypeDescriptor type, Object missingValue) {
        public Column {
            Objects.requireNonNull(type, "type");
            if (id < 1) {
                throw new IllegalArgumentException("column ids start at 1: " + id);
            }
        }

        public Column(int id, SqlTypeDescriptor type) {
            this(id, type, null);
        }
    }

    private static final int FORMAT = 1;

    private final List<Column> columns;
    /** For each column id up to the highest, its position in {@link #columns}, or -1. */
    private final int[] positionOfId;

    public RowCodec(List<Column> columns) {
        this.columns = List.copyOf(columns);
        int maxId = this.columns.stream().mapToInt(Column::id).max().orElse(0);
        positionOfId = new int[maxId + 1];
        Arrays.fill(positionOfId, -1);
        for (int i = 0; i < this.columns.size(); i++) {
            int id = this.columns.get(i).id();
            if (positionOfId[id] != -1) {
                throw new IllegalArgumentException("column id " + id + " appears twice");
            }
            positionOfId[id] = i;
        }
    }

    public List<Column> columns() {
        return columns;
    }

    /** Encodes {@code values}, one per column in layout order (nulls allowed). */
    public byte[] encode(Object[] values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(values.length + " values for " + columns.size() + " columns");
        }
        int maxId = positionOfId.length - 1;
        byte[] bitmap = new byte[(maxId + 7) / 8];
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int id = 1; id <= maxId; id++) {
            int position = positionOfId[id];
            if (position < 0 || values[position] == null) {
                continue;
            }
            bitmap[(id - 1) / 8] |= (byte) (1 << ((id - 1) % 8));
            byte[] value = encodeValue(columns.get(position).type().type(), values[position]);
            writeVarint(body, value.length);
            body.writeBytes(value);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(2 + bitmap.length + body.size());
        out.write(FORMAT);
        writeVarint(out, maxId);
        out.writeBytes(bitmap);
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    /** The row's values in layout order. */
    public Object[] decode(byte[] row) {
        Reader in = new Reader(row);
        if (in.u8() != FORMAT) {
            throw new IllegalArgumentException("unknown row format " + (row.length == 0 ? "(empty)" : row[0]));
        }
        long writtenMax = in.varint();
        if (writtenMax > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("malformed row: column id " + writtenMax);
        }
        int maxId = (int) writtenMax;
        int bitmapAt = in.position;
        in.skip((maxId + 7) / 8);
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).id() > maxId) {
                values[i] = columns.get(i).missingValue();
            }
        }
        for (int id = 1; id <= maxId; id++) {
            if ((row[bitmapAt + (id - 1) / 8] & (1 << ((id - 1) % 8))) == 0) {
                continue;
            }
            long length = in.varint();
            if (length > row.length - in.position) {
                throw new IllegalArgumentException("malformed row: value of column " + id + " runs past the end");
            }
            int position = id < positionOfId.length ? positionOfId[id] : -1;
            if (position >= 0) {
                SqlTypeDescriptor type = columns.get(position).type();
                values[position] = decodeValue(type, row, in.position, (int) length);
            }
            in.skip((int) length);
        }
        return values;
    }

    // ------------------------------------------------------------------ values

    private static byte[] encodeValue(SqlType type, Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8);
        switch (type) {
            case BOOLEAN -> out.write(Values.cast(type, Boolean.class, value) ? 1 : 0);
            case SMALLINT, INTEGER, BIGINT -> writeZigzag(out, Values.integral(type, value));
            case DATE, TIME -> writeZigzag(out, Values.cast(type, Integer.class, value));
            case TIMESTAMP -> writeZigzag(out, Values.cast(type, Long.class, value));
            case DECIMAL -> {
                BigDecimal d = Values.decimal(value);
                writeZigzag(out, d.scale());
                out.writeBytes(d.unscaledValue().toByteArray());
            }
            case REAL -> Values.writeFixed(out, Float.floatToIntBits(Values.cast(type, Float.class, value)), 4);
            case DOUBLE -> Values.writeFixed(out, Double.doubleToLongBits(Values.cast(type, Double.class, value)), 8);
            case CHAR, VARCHAR -> out.writeBytes(KeyEncoder.utf8(Values.cast(type, String.class, value)));
            case VARBINARY -> out.writeBytes(Values.bytes(value));
        }
        return out.toByteArray();
    }

    private static Object decodeValue(SqlTypeDescriptor descriptor, byte[] row, int offset, int length) {
        SqlType type = descriptor.type();
        Reader in = new Reader(row, offset, offset + length);
        Object value = switch (type) {
            case BOOLEAN -> in.u8() != 0;
            case SMALLINT, INTEGER, BIGINT -> Values.narrow(type, in.zigzag());
            case DATE, TIME -> (int) in.zigzag();
            case TIMESTAMP -> in.zigzag();
            case DECIMAL -> {
                long scale = in.zigzag();
                BigInteger unscaled = new BigInteger(row, in.position, offset + length - in.position);
                in.position = offset + length;
                BigDecimal d = new BigDecimal(unscaled, (int) scale);
                yield descriptor.scale() == SqlTypeDescriptor.UNSPECIFIED ? d : Decimals.atScale(d, descriptor.scale());
            }
            case REAL -> Float.intBitsToFloat((int) in.fixed(4));
            case DOUBLE -> Double.longBitsToDouble(in.fixed(8));
            case CHAR, VARCHAR -> {
                in.position = offset + length;
                yield new String(row, offset, length, StandardCharsets.UTF_8);
            }
            case VARBINARY -> {
                in.position = offset + length;
                yield new ByteString(Arrays.copyOfRange(row, offset, offset + length));
            }
        };
        if (in.position != offset + length) {
            throw new IllegalArgumentException("malformed row: a " + type + " value of " + length + " bytes");
        }
        return value;
    }

    private static void writeZigzag(ByteArrayOutputStream out, long v) {
        writeVarint(out, (v << 1) ^ (v >> 63));
    }

    private static void writeVarint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    /** A bounds-checked cursor over part of a row. */
    private static final class Reader {
        final byte[] bytes;
        final int limit;
        int position;

        Reader(byte[] bytes) {
            this(bytes, 0, bytes.length);
        }

        Reader(byte[] bytes, int from, int limit) {
            this.bytes = bytes;
            this.position = from;
            this.limit = limit;
        }

        int u8() {
            if (position >= limit) {
                throw new IllegalArgumentException("malformed row: truncated");
            }
            return bytes[position++] & 0xFF;
        }

        long varint() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = u8();
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw new IllegalArgumentException("malformed row: varint too long");
        }

        long zigzag() {
            long v = varint();
            return (v >>> 1) ^ -(v & 1);
        }

        long fixed(int n) {
            long v = 0;
            for (int i = 0; i < n; i++) {
                v = (v << 8) | u8();
            }
            return v;
        }

        void skip(int n) {
            if (n > limit - position) {
                throw new IllegalArgumentException("malformed row: truncated");
            }
            position += n;
        }
    }
}
