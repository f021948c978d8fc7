package io.synod.sql.encoding;

import io.synod.sql.kv.ByteKeys;
import io.synod.sql.types.SqlType;
import io.synod.sql.types.SqlTypeDescriptor;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The key encoding orders like SQL and reads back exactly: for every type, for composite keys
 * of mixed types, and with a value that is a prefix of another.
 */
class KeyEncodingTest {

    /** A type and two values of it (NULL included). */
    record Pair(SqlType type, Object first, Object second) {
        static Pair draw(SplittableRandom random) {
            SqlType type = SqlValues.type(random);
            return new Pair(type, SqlValues.nullableOf(random, type), SqlValues.nullableOf(random, type));
        }
    }

    @Test
    void byteOrderIsSqlOrder() {
        SeededCases.check(700, Pair::draw, pair -> {
            SqlType type = pair.type();
            byte[] a = new KeyEncoder().write(type, pair.first()).toByteArray();
            byte[] b = new KeyEncoder().write(type, pair.second()).toByteArray();
            assertThat(Integer.signum(ByteKeys.compare(a, b)))
                    .as("%s: %s vs %s", type, pair.first(), pair.second())
                    .isEqualTo(Integer.signum(SqlValues.order(type).compare(pair.first(), pair.second())));
        });
    }

    @Test
    void valuesReadBackAsTheSameSqlValue() {
        SeededCases.check(700, Pair::draw, pair -> {
            SqlType type = pair.type();
            byte[] key = new KeyEncoder().write(type, pair.first()).write(type, pair.second()).toByteArray();
            KeyDecoder in = new KeyDecoder(key);
            Object first = in.read(type);
            Object second = in.read(type);
            assertThat(in.hasRemaining()).isFalse();
            for (Object[] check : new Object[][] {{pair.first(), first}, {pair.second(), second}}) {
                assertThat(SqlValues.sameValue(type, check[0], check[1]))
                        .as("%s read back as %s", check[0], check[1]).isTrue();
                if (check[0] != null) {
                    assertThat(check[1]).isInstanceOf(type.javaClass());
                }
            }
            KeyDecoder skipping = new KeyDecoder(key);
            skipping.skip();
            assertThat(SqlValues.sameValue(type, skipping.read(type), second)).isTrue();
        });
    }

    @Test
    void decimalsWithADeclaredScaleReadBackAtThatScale() {
        SeededCases.check(400, KeyEncodingTest::scaledDecimal, value -> {
            SqlTypeDescriptor type = SqlTypeDescriptor.decimal(40, 12);
            Object read = new KeyDecoder(new KeyEncoder().writeDecimal(value).toByteArray()).read(type);
            assertThat(read).isEqualTo(value.setScale(12));
            assertThat(new KeyEncoder().writeDecimal(value).toByteArray())
                    .isEqualTo(new KeyEncoder().writeDecimal(value.setScale(12)).toByteArray());
        });
    }

    /** A decimal that fits scale 12 exactly (drawn again until one does). */
    private static BigDecimal scaledDecimal(SplittableRandom random) {
        BigDecimal value;
        do {
            value = SqlValues.decimal(random);
        } while (value.stripTrailingZeros().scale() > 12);
        return value;
    }

    /** A schema of up to three column types and two rows of it. */
    record CompositePair(List<SqlType> types, List<Object> first, List<Object> second) {
        static CompositePair draw(SplittableRandom random) {
            List<SqlType> types = SqlValues.types(random, 1, 3);
            List<Object> a = Arrays.asList(SqlValues.row(random, types));
            List<Object> b = Arrays.asList(SqlValues.row(random, types));
            // The second row shares a random number of leading columns with the first.
            int shared = random.nextInt(types.size() + 1);
            List<Object> second = new ArrayList<>(a.subList(0, shared));
            second.addAll(b.subList(shared, b.size()));
            return new CompositePair(types, a, second);
        }
    }

    @Test
    void compositeKeysOrderLikeTuples() {
        SeededCases.check(700, CompositePair::draw, p -> {
            List<SqlType> types = p.types();
            byte[] prefix = KeySpace.indexPrefix(7, 1);
            byte[] a = KeyEncoder.encode(prefix, types, p.first());
            byte[] b = KeyEncoder.encode(prefix, types, p.second());
            int expected = 0;
            for (int i = 0; i < types.size() && expected == 0; i++) {
                expected = SqlValues.order(types.get(i)).compare(p.first().get(i), p.second().get(i));
            }
            assertThat(Integer.signum(ByteKeys.compare(a, b))).as("%s: %s vs %s", types, p.first(), p.second())
                    .isEqualTo(Integer.signum(expected));

            // A key's leading columns bound a range holding exactly the keys that start with them.
            byte[] head = KeyEncoder.encode(prefix, types.subList(0, 1), p.first().subList(0, 1));
            boolean sameHead = SqlValues.order(types.get(0)).compare(p.first().get(0), p.second().get(0)) == 0;
            assertThat(ByteKeys.inRange(a, head, ByteKeys.prefixEnd(head))).isTrue();
            assertThat(ByteKeys.inRange(b, head, ByteKeys.prefixEnd(head))).isEqualTo(sameHead);
        });
    }

    /** A string, an extension of it, and the long that follows the shorter one in its key. */
    record Extension(String s, String more, long next) {
    }

    @Test
    void aStringSortsBeforeItsExtensionsInACompositeKey() {
        SeededCases.check(400, random -> new Extension(SqlValues.string(random), SqlValues.string(random),
                SqlValues.longValue(random)), c -> {
                    byte[] shorter = new KeyEncoder().writeString(c.s()).writeLong(c.next()).toByteArray();
                    byte[] longer = new KeyEncoder().writeString(c.s() + c.more()).writeLong(Long.MIN_VALUE)
                            .toByteArray();
                    Comparator<byte[]> order = ByteKeys.ORDER;
                    assertThat(order.compare(shorter, longer) < 0 || c.more().isEmpty()).isTrue();
                });
    }

    /** A SMALLINT and an INTEGER to compare; one time in four the INTEGER is a widened SMALLINT. */
    record Widths(short s, int i) {
    }

    @Test
    void integersOfAllWidthsCompareAlike() {
        SeededCases.check(500, random -> new Widths(SqlValues.shortValue(random),
                random.nextInt(4) == 0 ? SqlValues.shortValue(random) : SqlValues.intValue(random)), c -> {
                    byte[] small = new KeyEncoder().write(SqlType.SMALLINT, c.s()).toByteArray();
                    byte[] big = new KeyEncoder().write(SqlType.BIGINT, (long) c.i()).toByteArray();
                    assertThat(Integer.signum(ByteKeys.compare(small, big)))
                            .isEqualTo(Integer.signum(Integer.compare(c.s(), c.i())));
                    assertThat(Arrays.equals(new KeyEncoder().write(SqlType.INTEGER, (int) c.s()).toByteArray(),
                            small)).isTrue();
                });
    }

    @Test
    void equalSqlValuesEncodeAlikeAndSpecialValuesSortWhereSqlPutsThem() {
        assertThat(key(SqlType.DOUBLE, -0.0)).isEqualTo(key(SqlType.DOUBLE, 0.0));
        assertThat(key(SqlType.REAL, -0.0f)).isEqualTo(key(SqlType.REAL, 0.0f));
        assertThat(key(SqlType.DOUBLE, Double.longBitsToDouble(0x7ff8_0000_0000_0001L)))
                .isEqualTo(key(SqlType.DOUBLE, Double.NaN));
        assertThat(key(SqlType.DECIMAL, new BigDecimal("1.0"))).isEqualTo(key(SqlType.DECIMAL, new BigDecimal("1.00")));
        assertThat(key(SqlType.DECIMAL, new BigDecimal("0E+3"))).isEqualTo(key(SqlType.DECIMAL, BigDecimal.ZERO));
        List<byte[]> ascending = List.of(key(SqlType.DOUBLE, null), key(SqlType.DOUBLE, Double.NEGATIVE_INFINITY),
                key(SqlType.DOUBLE, -Double.MAX_VALUE), key(SqlType.DOUBLE, -Double.MIN_VALUE),
                key(SqlType.DOUBLE, 0.0), key(SqlType.DOUBLE, Double.MIN_VALUE),
                key(SqlType.DOUBLE, Double.POSITIVE_INFINITY), key(SqlType.DOUBLE, Double.NaN));
        for (int i = 1; i < ascending.size(); i++) {
            assertThat(ByteKeys.compare(ascending.get(i - 1), ascending.get(i))).as("position %d", i).isNegative();
        }
        assertThat(ByteKeys.compare(key(SqlType.VARCHAR, "a"), key(SqlType.VARCHAR, "a\0"))).isNegative();
        assertThat(ByteKeys.compare(key(SqlType.VARCHAR, "\uFFFF"), key(SqlType.VARCHAR, "\uD83D\uDE00")))
                .as("code point order, not UTF-16 order").isNegative();
    }

    @Test
    void badInputIsRefusedClearly() {
        assertThatThrownBy(() -> key(SqlType.VARCHAR, "\uD800")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("surrogate");
        assertThatThrownBy(() -> key(SqlType.SMALLINT, 40_000)).hasMessageContaining("out of range");
        assertThatThrownBy(() -> key(SqlType.INTEGER, "1")).hasMessageContaining("integral");
        assertThatThrownBy(() -> new KeyDecoder(new byte[] {0x30, 'a'}).readString())
                .hasMessageContaining("malformed key");
    }

    private static byte[] key(SqlType type, Object value) {
        return new KeyEncoder().write(type, value).toByteArray();
    }
}
