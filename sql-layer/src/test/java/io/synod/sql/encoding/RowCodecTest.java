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

/** Rows read back exactly, and stay readable across ADD COLUMN in both directions. */
class RowCodecTest {

    /** A table's columns (ids 1..n) and one row of values for them. */
    record Row(List<SqlType> types, Object[] values) {
        static Row draw(SplittableRandom random) {
            List<SqlType> types = SqlValues.types(random, 1, 12);
            return new Row(types, SqlValues.row(random, types));
        }

        @Override
        public String toString() {
            return types + " " + Arrays.deepToString(values);
        }
    }

    /** A row and how many of its columns existed when it was written. */
    record RowAndAddedColumns(Row row, int before) {
    }

    private static RowCodec codec(List<SqlType> types, int count, Object missing) {
        List<RowCodec.Column> columns = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            columns.add(new RowCodec.Column(i + 1, SqlTypeDescriptor.of(types.get(i)), missing));
        }
        return new RowCodec(columns);
    }

    @Test
    void rowsReadBackExactly() {
        SeededCases.check(300, Row::draw, row -> {
            RowCodec codec = codec(row.types(), row.types().size(), null);
            Object[] read = codec.decode(codec.encode(row.values()));
            assertExactlyEqual(row.types(), read, row.values());
        });
    }

    @Test
    void rowsWrittenBeforeAddColumnReadTheMissingValue() {
        SeededCases.check(200, random -> new RowAndAddedColumns(Row.draw(random), random.nextInt(13)),
                c -> rowWrittenBeforeAddColumnReadsTheMissingValue(c.row().types(), c.row().values(), c.before()));
    }

    private static void rowWrittenBeforeAddColumnReadsTheMissingValue(List<SqlType> types, Object[] values,
                                                                      int before) {
        int old = Math.min(before, types.size());
        RowCodec oldCodec = codec(types, old, null);
        byte[] stored = oldCodec.encode(Arrays.copyOf(values, old));

        List<RowCodec.Column> now = new ArrayList<>(oldCodec.columns());
        for (int i = old; i < types.size(); i++) {
            now.add(new RowCodec.Column(i + 1, SqlTypeDescriptor.of(types.get(i)), values[i]));
        }
        // The new codec lists columns in a different order than their ids: lookups are by id.
        List<RowCodec.Column> shuffled = new ArrayList<>(now);
        Collections.reverse(shuffled);
        Object[] read = new RowCodec(shuffled).decode(stored);
        Collections.reverse(Arrays.asList(read));
        assertExactlyEqual(types, read, values);

        // An older reader skips columns it does not know.
        RowCodec full = codec(types, types.size(), null);
        Object[] readByOld = oldCodec.decode(full.encode(values));
        assertExactlyEqual(types.subList(0, old), readByOld, Arrays.copyOf(values, old));
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

    private static void assertExactlyEqual(List<SqlType> types, Object[] actual, Object[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            Object e = expected[i];
            Object a = actual[i];
            if (e instanceof Double d) {
                assertThat(Double.doubleToLongBits((Double) a)).isEqualTo(Double.doubleToLongBits(d));
            } else if (e instanceof Float f) {
                assertThat(Float.floatToIntBits((Float) a)).isEqualTo(Float.floatToIntBits(f));
            } else {
                assertThat(a).as("column %d (%s)", i + 1, types.get(i)).isEqualTo(e);
            }
        }
    }
}
