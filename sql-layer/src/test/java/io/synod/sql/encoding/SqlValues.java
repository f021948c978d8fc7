package io.synod.sql.encoding;

import io.synod.sql.types.SqlType;
import org.apache.calcite.avatica.util.ByteString;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded generators of SQL values of each type, and the SQL order the key encoding must follow. */
final class SqlValues {

    private static final float[] REAL_EDGES = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f,
        0.0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE};
    private static final double[] DOUBLE_EDGES = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        -0.0, 0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE,
        Double.longBitsToDouble(0x7ff8_0000_0000_0001L)};
    private static final int[] CODE_POINT_EDGES = {0x00, 0x01, 0x7F, 0xFF, 0x61, 0x62};
    private static final BigInteger BIG_BOUND = BigInteger.TEN.pow(30);
    private static final BigInteger BIG_SPAN = BIG_BOUND.shiftLeft(1).add(BigInteger.ONE);

    private SqlValues() {
    }

    /** Any SQL type, uniformly. */
    static SqlType type(SplittableRandom random) {
        SqlType[] types = SqlType.values();
        return types[random.nextInt(types.length)];
    }

    /** Between {@code min} and {@code max} types, each uniform. */
    static List<SqlType> types(SplittableRandom random, int min, int max) {
        int size = min + random.nextInt(max - min + 1);
        List<SqlType> types = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            types.add(type(random));
        }
        return types;
    }

    /** A non-null value of {@code type}, edge cases included. */
    static Object of(SplittableRandom random, SqlType type) {
        return switch (type) {
            case BOOLEAN -> random.nextBoolean();
            case SMALLINT -> shortValue(random);
            case INTEGER, DATE, TIME -> intValue(random);
            case BIGINT, TIMESTAMP -> longValue(random);
            case DECIMAL -> decimal(random);
            // One draw in seven is an edge value: NaN, infinities, signed zeros, extremes.
            case REAL -> random.nextInt(7) == 0 ? REAL_EDGES[random.nextInt(REAL_EDGES.length)] : floatValue(random);
            case DOUBLE -> random.nextInt(7) == 0 ? DOUBLE_EDGES[random.nextInt(DOUBLE_EDGES.length)]
                    : doubleValue(random);
            case CHAR, VARCHAR -> string(random);
            case VARBINARY -> {
                byte[] bytes = new byte[random.nextInt(9)];
                random.nextBytes(bytes);
                yield new ByteString(bytes);
            }
        };
    }

    /** A value of {@code type} or, one time in ten, NULL. */
    static Object nullableOf(SplittableRandom random, SqlType type) {
        return random.nextInt(10) == 0 ? null : of(random, type);
    }

    /** One nullable value per type, in order. */
    static Object[] row(SplittableRandom random, List<SqlType> types) {
        Object[] row = new Object[types.size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = nullableOf(random, types.get(i));
        }
        return row;
    }

    /** Integral values are the type's edges (0, ±1, MIN, MAX) one time in eight, else uniform. */
    static short shortValue(SplittableRandom random) {
        return random.nextInt(8) == 0 ? (short) integralEdge(random, Short.MIN_VALUE, Short.MAX_VALUE)
                : (short) random.nextInt();
    }

    static int intValue(SplittableRandom random) {
        return random.nextInt(8) == 0 ? (int) integralEdge(random, Integer.MIN_VALUE, Integer.MAX_VALUE)
                : random.nextInt();
    }

    static long longValue(SplittableRandom random) {
        return random.nextInt(8) == 0 ? integralEdge(random, Long.MIN_VALUE, Long.MAX_VALUE) : random.nextLong();
    }

    private static long integralEdge(SplittableRandom random, long min, long max) {
        long[] edges = {0, 1, -1, min, max};
        return edges[random.nextInt(edges.length)];
    }

    /** Finite floats across all magnitudes (random exponent), or small ones with two decimals. */
    private static float floatValue(SplittableRandom random) {
        return random.nextBoolean() ? (float) doubleValue(random)
                : Math.round(random.nextDouble(-1e6, 1e6) * 100) / 100f;
    }

    private static double doubleValue(SplittableRandom random) {
        if (random.nextBoolean()) {
            return Math.round(random.nextDouble(-1e6, 1e6) * 100) / 100.0;
        }
        double bits;
        do {
            bits = Double.longBitsToDouble(random.nextLong());
        } while (!Double.isFinite(bits));
        return bits;
    }

    /**
     * Decimals with varied scales (-8..12) and trailing zeros, so equal values come in several
     * spellings: unscaled values within ±100 000 five times in seven, else within ±10^30.
     */
    static BigDecimal decimal(SplittableRandom random) {
        BigInteger unscaled;
        if (random.nextInt(7) < 5) {
            unscaled = BigInteger.valueOf(random.nextLong(-100_000, 100_001));
        } else {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            unscaled = new BigInteger(1, bytes).mod(BIG_SPAN).subtract(BIG_BOUND);
        }
        return new BigDecimal(unscaled, random.nextInt(-8, 13));
    }

    /**
     * Strings of up to six code points that stress escaping (NUL, 0xFF-ish bytes) and UTF-8
     * lengths: weights 3 edges, 3 printable ASCII, 1 each for the two BMP ranges and supplementary.
     */
    static String string(SplittableRandom random) {
        int length = random.nextInt(7);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int pick = random.nextInt(9);
            int codePoint;
            if (pick < 3) {
                codePoint = CODE_POINT_EDGES[random.nextInt(CODE_POINT_EDGES.length)];
            } else if (pick < 6) {
                codePoint = random.nextInt(0x20, 0x7F);
            } else if (pick == 6) {
                codePoint = random.nextInt(0x80, 0xD800);
            } else if (pick == 7) {
                codePoint = random.nextInt(0xE000, 0x10000);
            } else {
                codePoint = random.nextInt(0x10000, 0x110000);
            }
            s.appendCodePoint(codePoint);
        }
        return s.toString();
    }

    /** SQL order of values of {@code type}: NULL first, -0.0 = 0.0, NaN last, strings by code point. */
    static Comparator<Object> order(SqlType type) {
        Comparator<Object> values = switch (type) {
            case BOOLEAN -> Comparator.comparing(v -> (Boolean) v);
            case SMALLINT, INTEGER, BIGINT, DATE, TIME, TIMESTAMP -> Comparator.comparingLong(v -> ((Number) v).longValue());
            case DECIMAL -> Comparator.comparing(v -> (BigDecimal) v);
            case REAL, DOUBLE -> (a, b) -> compareDoubles(((Number) a).doubleValue(), ((Number) b).doubleValue());
            case CHAR, VARCHAR -> (a, b) -> Arrays.compare(((String) a).codePoints().toArray(),
                    ((String) b).codePoints().toArray());
            case VARBINARY -> (a, b) -> Arrays.compareUnsigned(((ByteString) a).getBytes(), ((ByteString) b).getBytes());
        };
        return Comparator.nullsFirst(values);
    }

    private static int compareDoubles(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Boolean.compare(Double.isNaN(a), Double.isNaN(b));
        }
        return a == b ? 0 : a < b ? -1 : 1;
    }

    /** Whether a decoded value is the same SQL value (exact for everything but NaN payloads and -0.0). */
    static boolean sameValue(SqlType type, Object a, Object b) {
        return order(type).compare(a, b) == 0;
    }
}
