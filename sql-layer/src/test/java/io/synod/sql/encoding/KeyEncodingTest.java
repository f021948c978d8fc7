package io.synod.sql.encoding;

import io.synod.sql.kv.ByteKeys;
import io.synod.sql.types.SqlType;
import io.synod.sql.types.SqlTypeDescriptor;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The key encoding orders like SQL and reads back exactly, for every type, for composite keys of
 * mixed types and with values that are prefixes of others. Cases come from seeded random
 * sources; a failure names its seed.
 */
class KeyEncodingTest {

    private static final SqlType[] TYPES = SqlType.values();

    private static byte[] key(SqlType type, Object value) {
        return new KeyEncoder().write(type, value).toByteArray();
    }

    @Test
    void byteOrderIsSqlOrderAndValuesReadBackForEveryType() {
        for (long seed = 0; seed < 4000; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            SqlType type = TYPES[random.nextInt(TYPES.length)];
            Object a = SqlValues.nullable(type, random);
            Object b = random.nextInt(8) == 0 ? a : SqlValues.nullable(type, random);
            String what = "seed " + seed + ", " + type + ": " + a + " vs " + b;
            assertThat(Integer.signum(ByteKeys.compare(key(type, a), key(type, b)))).as(what)
                    .isEqualTo(Integer.signum(SqlValues.order(type).compare(a, b)));

            byte[] both = new KeyEncoder().write(type, a).write(type, b).toByteArray();
            KeyDecoder in = new KeyDecoder(both);
            Object readA = in.read(type);
            Object readB = in.read(type);
            assertThat(in.hasRemaining()).as(what).isFalse();
            assertThat(SqlValues.sameValue(type, a, readA) && SqlValues.sameValue(type, b, readB))
                    .as("%s read back as %s, %s", what, readA, readB).isTrue();
            if (a != null) {
                assertThat(readA).as(what).isInstanceOf(type.javaClass());
            }
            KeyDecoder skipping = new KeyDecoder(both);
            skipping.skip();
            assertThat(SqlValues.sameValue(type, skipping.read(type), b)).as(what).isTrue();
        }
    }

    @Test
    void compositeKeysOrderLikeTuplesAndTheirLeadingColumnsBoundRanges() {
        byte[] prefix = KeySpace.indexPrefix(7, 1);
        for (long seed = 0; seed < 3000; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            List<SqlType> types = new ArrayList<>();
            List<Object> a = new ArrayList<>();
            List<Object> b = new ArrayList<>();
            int columns = 1 + random.nextInt(3);
            int shared = random.nextInt(columns + 1);
            for (int i = 0; i < columns; i++) {
                SqlType type = TYPES[random.nextInt(TYPES.length)];
                types.add(type);
                a.add(SqlValues.nullable(type, random));
                b.add(i < shared ? a.get(i) : SqlValues.nullable(type, random));
            }
            int expected = 0;
            for (int i = 0; i < columns && expected == 0; i++) {
                expected = SqlValues.order(types.get(i)).compare(a.get(i), b.get(i));
            }
            byte[] keyA = KeyEncoder.encode(prefix, types, a);
            byte[] keyB = KeyEncoder.encode(prefix, types, b);
            String what = "seed " + seed + ", " + types + ": " + a + " vs " + b;
            assertThat(Integer.signum(ByteKeys.compare(keyA, keyB))).as(what).isEqualTo(Integer.signum(expected));

            byte[] head = KeyEncoder.encode(prefix, types.subList(0, 1), a.subList(0, 1));
            boolean sameHead = SqlValues.order(types.get(0)).compare(a.get(0), b.get(0)) == 0;
            assertThat(ByteKeys.inRange(keyA, head, ByteKeys.prefixEnd(head))).as(what).isTrue();
            assertThat(ByteKeys.inRange(keyB, head, ByteKeys.prefixEnd(head))).as(what).isEqualTo(sameHead);
        }
    }

    @Test
    void aStringSortsBeforeItsExtensionsWhateverFollowsIt() {
        for (long seed = 0; seed < 2000; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            String s = SqlValues.string(random);
            String more = SqlValues.string(random);
            byte[] shorter = new KeyEncoder().writeString(s).writeLong(random.nextLong()).toByteArray();
            byte[] longer = new KeyEncoder().writeString(s + more).writeLong(Long.MIN_VALUE).toByteArray();
            assertThat(more.isEmpty() || ByteKeys.compare(shorter, longer) < 0).as("seed %d: %s + %s", seed, s, more)
                    .isTrue();
        }
    }

    @Test
    void decimalsWithADeclaredScaleReadBackAtThatScale() {
        SqlTypeDescriptor type = SqlTypeDescriptor.decimal(60, 12);
        for (long seed = 0; seed < 2000; seed++) {
            BigDecimal value = SqlValues.decimal(new SplittableRandom(seed));
            if (value.stripTrailingZeros().scale() > 12) {
                continue;
            }
            assertThat(new KeyDecoder(key(SqlType.DECIMAL, value)).read(type)).as("seed %d", seed)
                    .isEqualTo(value.setScale(12));
            assertThat(key(SqlType.DECIMAL, value)).isEqualTo(key(SqlType.DECIMAL, value.setScale(12)));
        }
    }

    @Test
    void integersOfAllWidthsShareOneEncoding() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 2000; i++) {
            short s = (short) random.nextInt(Short.MIN_VALUE, Short.MAX_VALUE + 1);
            int n = random.nextInt();
            assertThat(Integer.signum(ByteKeys.compare(key(SqlType.SMALLINT, s), key(SqlType.BIGINT, (long) n))))
                    .isEqualTo(Integer.signum(Integer.compare(s, n)));
            assertThat(key(SqlType.INTEGER, (int) s)).isEqualTo(key(SqlType.SMALLINT, s));
        }
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
}
