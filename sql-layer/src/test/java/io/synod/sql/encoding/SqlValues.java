package io.synod.sql.encoding;

import io.synod.sql.types.SqlType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;
import org.apache.calcite.avatica.util.ByteString;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Comparator;

/** Generators of SQL values of each type, and the SQL order the key encoding must follow. */
final class SqlValues {

    private SqlValues() {
    }

    /** Non-null values of {@code type}, edge cases included. */
    static Arbitrary<Object> of(SqlType type) {
        return switch (type) {
            case BOOLEAN -> Arbitraries.of(true, false).map(v -> v);
            case SMALLINT -> Arbitraries.shorts().map(v -> v);
            case INTEGER -> Arbitraries.integers().map(v -> v);
            case BIGINT -> Arbitraries.longs().map(v -> v);
            case DECIMAL -> decimals().map(v -> v);
            case REAL -> Arbitraries.frequencyOf(
                    Tuple.of(6, Arbitraries.floats().map(v -> (Object) v)),
                    Tuple.of(1, Arbitraries.of(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f,
                            0.0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE).map(v -> v)));
            case DOUBLE -> Arbitraries.frequencyOf(
                    Tuple.of(6, Arbitraries.doubles().map(v -> (Object) v)),
                    Tuple.of(1, Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0,
                            0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE,
                            Double.longBitsToDouble(0x7ff8_0000_0000_0001L)).map(v -> v)));
            case CHAR, VARCHAR -> strings().map(v -> v);
            case VARBINARY -> Arbitraries.bytes().array(byte[].class).ofMaxSize(8)
                    .map(b -> (Object) new ByteString(b));
            case DATE, TIME -> Arbitraries.integers().map(v -> v);
            case TIMESTAMP -> Arbitraries.longs().map(v -> v);
        };
    }

    /** Values of {@code type} or NULL. */
    static Arbitrary<Object> nullableOf(SqlType type) {
        return of(type).injectNull(0.1);
    }

    /** Decimals with varied scales and trailing zeros, so equal values come in several spellings. */
    static Arbitrary<BigDecimal> decimals() {
        Arbitrary<BigInteger> unscaled = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.longs().between(-100_000, 100_000).map(BigInteger::valueOf)),
                Tuple.of(2, Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30))));
        return net.jqwik.api.Combinators.combine(unscaled, Arbitraries.integers().between(-8, 12))
                .as(BigDecimal::new);
    }

    /** Strings over code points that stress escaping (NUL, 0xFF-ish bytes) and UTF-8 lengths. */
    static Arbitrary<String> strings() {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(0x00, 0x01, 0x7F, 0xFF, 0x61, 0x62)),
                Tuple.of(3, Arbitraries.integers().between(0x20, 0x7E)),
                Tuple.of(1, Arbitraries.integers().between(0x80, 0xD7FF)),
                Tuple.of(1, Arbitraries.integers().between(0xE000, 0xFFFF)),
                Tuple.of(1, Arbitraries.integers().between(0x10000, 0x10FFFF)));
        return codePoint.list().ofMaxSize(6).map(cps -> {
            StringBuilder s = new StringBuilder();
            cps.forEach(s::appendCodePoint);
            return s.toString();
        });
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
