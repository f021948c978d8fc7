package io.synod.sql.encoding;

import io.synod.sql.types.SqlType;
import org.apache.calcite.avatica.util.ByteString;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;

/** Random SQL values of each type, edge cases weighted in, and the SQL order keys must follow. */
final class SqlValues {

    private static final double[] SPECIAL_DOUBLES = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        -0.0, 0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1.0, -1.0,
        Double.longBitsToDouble(0x7ff8_0000_0000_0001L)};
    private static final int[] SPECIAL_CODE_POINTS = {0x00, 0x01, 0x7F, 0xFF, 0x61, 0x62};

    private SqlValues() {
    }

    /** A value of {@code type}, or NULL one time in ten. */
    static Object nullable(SqlType type, SplittableRandom random) {
        return random.nextInt(10) == 0 ? null : of(type, random);
    }

    /** A non-null value of {@code type}. */
    static Object of(SqlType type, SplittableRandom random) {
        return switch (type) {
            case BOOLEAN -> random.nextBoolean();
            case SMALLINT -> (short) integral(random, Short.MIN_VALUE, Short.MAX_VALUE);
            case INTEGER, DATE, TIME -> (int) integral(random, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case BIGINT, TIMESTAMP -> integral(random, Long.MIN_VALUE, Long.MAX_VALUE);
            case DECIMAL -> decimal(random);
            case REAL -> (float) aDouble(random);
            case DOUBLE -> aDouble(random);
            case CHAR, VARCHAR -> string(random);
            case VARBINARY -> {
                byte[] b = new byte[random.nextInt(8)];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (byte) (random.nextInt(4) == 0 ? (random.nextBoolean() ? 0 : 0xFF) : random.nextInt(256));
                }
                yield new ByteString(b);
            }
        };
    }

    /** Small values (so equal ones come up), bounds, or anything in range. */
    private static long integral(SplittableRandom random, long min, long max) {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextLong(-3, 4);
            case 1 -> random.nextBoolean() ? min : max;
            case 2 -> random.nextLong(-70_000, 70_000);
            default -> min == Long.MIN_VALUE ? random.nextLong() : random.nextLong(min, max + 1);
        };
    }

    private static double aDouble(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> SPECIAL_DOUBLES[random.nextInt(SPECIAL_DOUBLES.length)];
            case 1 -> Double.longBitsToDouble(random.nextLong());
            default -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-5, 6));
        };
    }

    /** Decimals with varied scales and trailing zeros, so equal values come in several spellings. */
    static BigDecimal decimal(SplittableRandom random) {
        BigInteger unscaled = random.nextInt(3) == 0
                ? new BigInteger(100, new java.util.Random(random.nextLong())).subtract(BigInteger.TWO.pow(99))
                : BigInteger.valueOf(random.nextLong(-100_000, 100_000));
        return new BigDecimal(unscaled, random.nextInt(-8, 13));
    }

    /** Strings over code points that stress escaping (NUL, 0xFF) and every UTF-8 length. */
    static String string(SplittableRandom random) {
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(7);
        for (int i = 0; i < length; i++) {
            int cp = switch (random.nextInt(9)) {
                case 0, 1, 2 -> SPECIAL_CODE_POINTS[random.nextInt(SPECIAL_CODE_POINTS.length)];
                case 3, 4, 5 -> random.nextInt(0x20, 0x7F);
                case 6 -> random.nextInt(0x80, 0xD800);
                case 7 -> random.nextInt(0xE000, 0x10000);
                default -> random.nextInt(0x10000, 0x110000);
            };
            s.appendCodePoint(cp);
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

    static boolean sameValue(SqlType type, Object a, Object b) {
        return order(type).compare(a, b) == 0;
    }
}
