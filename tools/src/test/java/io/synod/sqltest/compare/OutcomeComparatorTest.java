package io.synod.sqltest.compare;

import io.synod.sqltest.exec.ErrorClass;
import io.synod.sqltest.exec.Outcome;
import io.synod.sqltest.exec.Values;
import io.synod.sqltest.script.Step;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class OutcomeComparatorTest {

    private static Outcome.Rows rows(List<String> labels, Object[]... rows) {
        List<List<Object>> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(new ArrayList<>(Arrays.stream(r).map(Values::normalise).toList()));
        }
        return new Outcome.Rows(labels, out, false);
    }

    private static Optional<Mismatch> compare(String sql, Outcome a, Outcome b) {
        return OutcomeComparator.compare(Step.of(sql), a, b);
    }

    @Test
    void numbersCompareByValueAcrossTypesAndBooleansAsZeroOrOne() {
        var sqlite = rows(List.of("a", "b", "c", "d"), new Object[] {3, 1, 0.30000000000000004, null});
        var other = rows(List.of("A", "B", "C", "D"), new Object[] {new BigDecimal("3.00"), true, new BigDecimal("0.3"), null});
        assertThat(compare("SELECT a, b, c, d FROM t", sqlite, other)).isEmpty();
        var wrong = rows(List.of("A", "B", "C", "D"), new Object[] {3L, false, 0.3, null});
        assertThat(compare("SELECT a, b, c, d FROM t", sqlite, wrong)).get().extracting(Mismatch::kind)
            .isEqualTo(Mismatch.Kind.ROWS);
    }

    @Test
    void withoutOrderByRowsAreABag() {
        var a = rows(List.of("x"), new Object[] {1}, new Object[] {2}, new Object[] {2});
        var b = rows(List.of("x"), new Object[] {2}, new Object[] {1}, new Object[] {2});
        var c = rows(List.of("x"), new Object[] {2}, new Object[] {1}, new Object[] {1});
        assertThat(compare("SELECT x FROM t", a, b)).isEmpty();
        assertThat(compare("SELECT x FROM t", a, c)).isPresent();
    }

    /**
     * Exact numbers equal to 9 significant digits tie in the canonical order; such rows must still
     * match by value whichever order each side returned them in (soak, case seed 1087528253028152119).
     */
    @Test
    void bigNumbersEqualToNineDigitsMatchInAnyOrder() {
        var sqlite = rows(List.of("c1"), new Object[] {123456788506L}, new Object[] {-5}, new Object[] {123456788998L},
            new Object[] {123456789001L});
        var synod = rows(List.of("C1"), new Object[] {123456789001L}, new Object[] {123456788998L}, new Object[] {-5},
            new Object[] {123456788506L});
        assertThat(compare("SELECT c1 FROM t", sqlite, synod)).isEmpty();
        var wrong = rows(List.of("C1"), new Object[] {123456789001L}, new Object[] {123456788998L}, new Object[] {-5},
            new Object[] {123456788507L});
        assertThat(compare("SELECT c1 FROM t", sqlite, wrong)).get().extracting(Mismatch::explanation)
            .isEqualTo("4 vs 4 rows; only in reference (123456788506); only in subject (123456788507)");
    }

    @Test
    void orderByFixesTheOrderOfItsKeysOnlyAndTiesAreBags() {
        var a = rows(List.of("k", "v"), new Object[] {1, "a"}, new Object[] {1, "b"}, new Object[] {2, "c"});
        var tiesSwapped = rows(List.of("k", "v"), new Object[] {1, "b"}, new Object[] {1, "a"}, new Object[] {2, "c"});
        var keysSwapped = rows(List.of("k", "v"), new Object[] {2, "c"}, new Object[] {1, "a"}, new Object[] {1, "b"});
        String sql = "SELECT k, v FROM t ORDER BY k DESC NULLS LAST LIMIT 5";
        assertThat(compare(sql, a, tiesSwapped)).isEmpty();
        assertThat(compare(sql, a, keysSwapped)).get().extracting(Mismatch::kind).isEqualTo(Mismatch.Kind.ORDER);
        assertThat(compare("SELECT k, v FROM t", a, keysSwapped)).isEmpty();
    }

    @Test
    void failuresAgreeByClassWhereBothKnowIt() {
        var constraint = new Outcome.Failed(ErrorClass.CONSTRAINT, "23505", 0, "dup");
        var sqliteConstraint = new Outcome.Failed(ErrorClass.CONSTRAINT, null, 19, "UNIQUE constraint failed");
        var unknown = new Outcome.Failed(ErrorClass.UNKNOWN, null, 1, "error");
        var data = new Outcome.Failed(ErrorClass.DATA, "22003", 0, "overflow");
        String sql = "INSERT INTO t VALUES (1)";
        assertThat(compare(sql, sqliteConstraint, constraint)).isEmpty();
        assertThat(compare(sql, unknown, data)).isEmpty();
        assertThat(compare(sql, sqliteConstraint, data)).get().extracting(Mismatch::kind)
            .isEqualTo(Mismatch.Kind.ERROR_CLASS);
        assertThat(compare(sql, new Outcome.Count(1), constraint)).get().extracting(Mismatch::kind)
            .isEqualTo(Mismatch.Kind.SUBJECT_FAILED);
        assertThat(compare(sql, new Outcome.Count(1), new Outcome.Count(2))).get().extracting(Mismatch::kind)
            .isEqualTo(Mismatch.Kind.UPDATE_COUNT);
        assertThat(compare("CREATE TABLE t (x INTEGER)", new Outcome.Count(0), new Outcome.Count(-1))).isEmpty();
    }

    @Test
    void columnCountsMustMatch() {
        var one = rows(List.of("a"), new Object[] {1});
        var two = rows(List.of("a", "b"), new Object[] {1, 2});
        assertThat(compare("SELECT a FROM t", one, two)).get().extracting(Mismatch::kind)
            .isEqualTo(Mismatch.Kind.COLUMN_COUNT);
    }
}
