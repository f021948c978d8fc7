package io.synod.sql.encoding;

import io.synod.sql.kv.ByteKeys;
import io.synod.sql.types.SqlType;
import io.synod.sql.types.SqlTypeDescriptor;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple3;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The key encoding orders like SQL and reads back exactly: for every type, for composite keys
 * of mixed types, and with a value that is a prefix of another.
 */
class KeyEncodingProperties {

    /** A type and two values of it (NULL included). */
    @Provide
    Arbitrary<Tuple3<SqlType, Object, Object>> pairs() {
        return Arbitraries.of(SqlType.class).flatMap(type ->
                Combinators.combine(SqlValues.nullableOf(type), SqlValues.nullableOf(type))
                        .as((a, b) -> Tuple.of(type, a, b)));
    }

    @Property(tries = 700)
    void byteOrderIsSqlOrder(@ForAll("pairs") Tuple3<SqlType, Object, Object> pair) {
        SqlType type = pair.get1();
        byte[] a = new KeyEncoder().write(type, pair.get2()).toByteArray();
        byte[] b = new KeyEncoder().write(type, pair.get3()).toByteArray();
        assertThat(Integer.signum(ByteKeys.compare(a, b)))
                .as("%s: %s vs %s", type, pair.get2(), pair.get3())
                .isEqualTo(Integer.signum(SqlValues.order(type).compare(pair.get2(), pair.get3())));
    }

    @Property(tries = 700)
    void valuesReadBackAsTheSameSqlValue(@ForAll("pairs") Tuple3<SqlType, Object, Object> pair) {
        SqlType type = pair.get1();
        byte[] key = new KeyEncoder().write(type, pair.get2()).write(type, pair.get3()).toByteArray();
        KeyDecoder in = new KeyDecoder(key);
        Object first = in.read(type);
        Object second = in.read(type);
        assertThat(in.hasRemaining()).isFalse();
        for (Object[] check : new Object[][] {{pair.get2(), first}, {pair.get3(), second}}) {
            assertThat(SqlValues.sameValue(type, check[0], check[1])).as("%s read back as %s", check[0], check[1])
                    .isTrue();
            if (check[0] != null) {
                assertThat(check[1]).isInstanceOf(type.javaClass());
            }
        }
        KeyDecoder skipping = new KeyDecoder(key);
        skipping.skip();
        assertThat(SqlValues.sameValue(type, skipping.read(type), second)).isTrue();
    }

    @Property(tries = 400)
    void decimalsWithADeclaredScaleReadBackAtThatScale(@ForAll("scaledDecimals") BigDecimal value) {
        SqlTypeDescriptor type = SqlTypeDescriptor.decimal(40, 12);
        Object read = new KeyDecoder(new KeyEncoder().writeDecimal(value).toByteArray()).read(type);
        assertThat(read).isEqualTo(value.setScale(12));
        assertThat(new KeyEncoder().writeDecimal(value).toByteArray())
                .isEqualTo(new KeyEncoder().writeDecimal(value.setScale(12)).toByteArray());
    }

    @Provide
    Arbitrary<BigDecimal> scaledDecimals() {
        return SqlValues.decimals().filter(d -> d.stripTrailingZeros().scale() <= 12);
    }

    /** A schema of up to three column types and two rows of it. */
    @Provide
    Arbitrary<Tuple3<List<SqlType>, List<Object>, List<Object>>> compositePairs() {
        return Arbitraries.of(SqlType.class).list().ofMinSize(1).ofMaxSize(3).flatMap(types -> {
            List<Arbitrary<Object>> columns = new ArrayList<>();
            for (SqlType t : types) {
                columns.add(SqlValues.nullableOf(t));
            }
            Arbitrary<List<Object>> row = Combinators.combine(columns).as(ArrayList::new);
            // The second row shares a random number of leading columns with the first.
            return Combinators.combine(row, row, Arbitraries.integers().between(0, types.size()))
                    .as((a, b, shared) -> {
                        List<Object> second = new ArrayList<>(a.subList(0, shared));
                        second.addAll(b.subList(shared, b.size()));
                        return Tuple.of(types, a, second);
                    });
        });
    }

    @Property(tries = 700)
    void compositeKeysOrderLikeTuples(@ForAll("compositePairs") Tuple3<List<SqlType>, List<Object>, List<Object>> p) {
        List<SqlType> types = p.get1();
        byte[] prefix = KeySpace.indexPrefix(7, 1);
        byte[] a = KeyEncoder.encode(prefix, types, p.get2());
        byte[] b = KeyEncoder.encode(prefix, types, p.get3());
        int expected = 0;
        for (int i = 0; i < types.size() && expected == 0; i++) {
            expected = SqlValues.order(types.get(i)).compare(p.get2().get(i), p.get3().get(i));
        }
        assertThat(Integer.signum(ByteKeys.compare(a, b))).as("%s: %s vs %s", types, p.get2(), p.get3())
                .isEqualTo(Integer.signum(expected));

        // A key's leading columns bound a range holding exactly the keys that start with them.
        byte[] head = KeyEncoder.encode(prefix, types.subList(0, 1), p.get2().subList(0, 1));
        boolean sameHead = SqlValues.order(types.get(0)).compare(p.get2().get(0), p.get3().get(0)) == 0;
        assertThat(ByteKeys.inRange(a, head, ByteKeys.prefixEnd(head))).isTrue();
        assertThat(ByteKeys.inRange(b, head, ByteKeys.prefixEnd(head))).isEqualTo(sameHead);
    }

    @Property(tries = 400)
    void aStringSortsBeforeItsExtensionsInACompositeKey(@ForAll("strings") String s, @ForAll("strings") String more,
                                                        @ForAll long next) {
        byte[] shorter = new KeyEncoder().writeString(s).writeLong(next).toByteArray();
        byte[] longer = new KeyEncoder().writeString(s + more).writeLong(Long.MIN_VALUE).toByteArray();
        Comparator<byte[]> order = ByteKeys.ORDER;
        assertThat(order.compare(shorter, longer) < 0 || more.isEmpty()).isTrue();
    }

    @Provide
    Arbitrary<String> strings() {
        return SqlValues.strings();
    }

    @Property(tries = 500)
    void integersOfAllWidthsCompareAlike(@ForAll short s, @ForAll int i) {
        byte[] small = new KeyEncoder().write(SqlType.SMALLINT, s).toByteArray();
        byte[] big = new KeyEncoder().write(SqlType.BIGINT, (long) i).toByteArray();
        assertThat(Integer.signum(ByteKeys.compare(small, big))).isEqualTo(Integer.signum(Integer.compare(s, i)));
        assertThat(Arrays.equals(new KeyEncoder().write(SqlType.INTEGER, (int) s).toByteArray(), small)).isTrue();
    }

    @Example
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

    @Example
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
