package io.synod.sql.encoding;

import io.synod.sql.types.SqlType;
import io.synod.sql.types.SqlTypeDescriptor;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rows read back exactly and stay readable across ADD COLUMN in both directions (seeded random cases). */
class RowCodecTest {

    private static final SqlType[] TYPES = SqlType.values();

    private static RowCodec codec(List<SqlType> types, int count) {
        List<RowCodec.Column> columns = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            columns.add(new RowCodec.Column(i + 1, SqlTypeDescriptor.of(types.get(i))));
        }
        return new RowCodec(columns);
    }

    @Test
    void rowsReadBackExactlyAndAcrossAddColumn() {
        for (long seed = 0; seed < 1500; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            int n = 1 + random.nextInt(12);
            List<SqlType> types = new ArrayList<>();
            Object[] row = new Object[n];
            for (int i = 0; i < n; i++) {
                types.add(TYPES[random.nextInt(TYPES.length)]);
                row[i] = SqlValues.nullable(types.get(i), random);
            }
            String what = "seed " + seed + ", " + types;
            RowCodec full = codec(types, n);
            assertExactlyEqual(what, full.decode(full.encode(row)), row);

            // Written before columns old+1..n were added: they read as their missing values.
            int old = random.nextInt(n + 1);
            RowCodec before = codec(types, old);
            byte[] stored = before.encode(Arrays.copyOf(row, old));
            List<RowCodec.Column> now = new ArrayList<>(before.columns());
            for (int i = old; i < n; i++) {
                now.add(new RowCodec.Column(i + 1, SqlTypeDescriptor.of(types.get(i)), row[i]));
            }
            Collections.reverse(now); // lookups are by id, not position
            Object[] read = new RowCodec(now).decode(stored);
            Collections.reverse(Arrays.asList(read));
            assertExactlyEqual(what + ", added after " + old, read, row);

            // An older reader skips the columns it does not know.
            assertExactlyEqual(what + ", old reader of " + old, before.decode(full.encode(row)), Arrays.copyOf(row, old));
        }
    }

    @Test
    void declaredDecimalScaleIsRestoredAndBadInputRefused() {
        RowCodec codec = new RowCodec(List.of(new RowCodec.Column(1, SqlTypeDescriptor.decimal(10, 2)),
                new RowCodec.Column(3, SqlTypeDescriptor.of(SqlType.VARCHAR, 5))));
        Object[] read = codec.decode(codec.encode(new Object[] {new BigDecimal("1.5"), null}));
        assertThat(read).containsExactly(new BigDecimal("1.50"), null);
        assertThat(codec.encode(new Object[] {null, null})).hasSize(3); // format, highest id, one bitmap byte
        assertThatThrownBy(() -> codec.encode(new Object[] {1.5, null})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DECIMAL");
        assertThatThrownBy(() -> codec.decode(new byte[] {9})).hasMessageContaining("row format");
        assertThatThrownBy(() -> codec.decode(new byte[] {1, 1, 1, 50, 1})).hasMessageContaining("malformed");
        assertThatThrownBy(() -> new RowCodec(List.of(new RowCodec.Column(1, SqlTypeDescriptor.of(SqlType.DATE)),
                new RowCodec.Column(1, SqlTypeDescriptor.of(SqlType.DATE))))).hasMessageContaining("twice");
    }

    private static void assertExactlyEqual(String what, Object[] actual, Object[] expected) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            Object e = expected[i];
            Object a = actual[i];
            if (e instanceof Double d) {
                assertThat(Double.doubleToLongBits((Double) a)).as(what).isEqualTo(Double.doubleToLongBits(d));
            } else if (e instanceof Float f) {
                assertThat(Float.floatToIntBits((Float) a)).as(what).isEqualTo(Float.floatToIntBits(f));
            } else {
                assertThat(a).as("%s column %d", what, i + 1).isEqualTo(e);
            }
        }
    }
}
