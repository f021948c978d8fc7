package io.synod.sql.encoding;

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
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.constraints.IntRange;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rows read back exactly, and stay readable across ADD COLUMN in both directions. */
class RowCodecProperties {

    /** A table's columns (ids 1..n) and one row of values for them. */
    @Provide
    Arbitrary<Tuple2<List<SqlType>, Object[]>> rows() {
        return Arbitraries.of(SqlType.class).list().ofMinSize(1).ofMaxSize(12).flatMap(types -> {
            List<Arbitrary<Object>> values = new ArrayList<>();
            for (SqlType t : types) {
                values.add(SqlValues.nullableOf(t));
            }
            return Combinators.combine(values).as(v -> Tuple.of(types, v.toArray()));
        });
    }

    private static RowCodec codec(List<SqlType> types, int count, Object missing) {
        List<RowCodec.Column> columns = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            columns.add(new RowCodec.Column(i + 1, SqlTypeDescriptor.of(types.get(i)), missing));
        }
        return new RowCodec(columns);
    }

    @Property(tries = 300)
    void rowsReadBackExactly(@ForAll("rows") Tuple2<List<SqlType>, Object[]> row) {
        RowCodec codec = codec(row.get1(), row.get1().size(), null);
        Object[] read = codec.decode(codec.encode(row.get2()));
        assertExactlyEqual(row.get1(), read, row.get2());
    }

    @Property(tries = 200)
    void rowsWrittenBeforeAddColumnReadTheMissingValue(@ForAll("rows") Tuple2<List<SqlType>, Object[]> row,
                                                        @ForAll @IntRange(min = 0, max = 12) int before) {
        List<SqlType> types = row.get1();
        int old = Math.min(before, types.size());
        RowCodec oldCodec = codec(types, old, null);
        byte[] stored = oldCodec.encode(Arrays.copyOf(row.get2(), old));

        List<RowCodec.Column> now = new ArrayList<>(oldCodec.columns());
        for (int i = old; i < types.size(); i++) {
            now.add(new RowCodec.Column(i + 1, SqlTypeDescriptor.of(types.get(i)), row.get2()[i]));
        }
        // The new codec lists columns in a different order than their ids: lookups are by id.
        List<RowCodec.Column> shuffled = new ArrayList<>(now);
        java.util.Collections.reverse(shuffled);
        Object[] read = new RowCodec(shuffled).decode(stored);
        java.util.Collections.reverse(Arrays.asList(read));
        assertExactlyEqual(types, read, row.get2());

        // An older reader skips columns it does not know.
        RowCodec full = codec(types, types.size(), null);
        Object[] readByOld = oldCodec.decode(full.encode(row.get2()));
        assertExactlyEqual(types.subList(0, old), readByOld, Arrays.copyOf(row.get2(), old));
    }

    @Example
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
