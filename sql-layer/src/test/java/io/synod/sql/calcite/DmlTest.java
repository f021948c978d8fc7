package io.synod.sql.calcite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** INSERT, UPDATE, DELETE and MERGE: row counts, defaults, constraints and index maintenance. */
class DmlTest {

    private SqlHarness db;

    @BeforeEach
    void setUp() throws Exception {
        db = SqlHarness.memory();
        db.executeAll(
                "CREATE TABLE item (id INT PRIMARY KEY, sku VARCHAR(8) NOT NULL UNIQUE, qty SMALLINT DEFAULT 0,"
                        + " price DECIMAL(6, 2), note CHAR(4))",
                "CREATE INDEX item_qty ON item (qty)");
    }

    @AfterEach
    void tearDown() throws Exception {
        db.close();
    }

    private static String state(Throwable e) {
        return SqlHarness.sqlState(e);
    }

    @Test
    void multiRowInsertFillsDefaultsAndPadsChar() throws Exception {
        assertThat(db.execute("INSERT INTO item (id, sku, price, note) VALUES (1, 'a', 1.5, 'x'), (2, 'b', NULL, NULL)"))
                .isEqualTo(2);
        assertThat(db.query("SELECT id, sku, qty, price, note FROM item ORDER BY id")).containsExactly(
                List.of(1, "a", (short) 0, new BigDecimal("1.50"), "x   "),
                Arrays.asList(2, "b", (short) 0, null, null));
    }

    @Test
    void insertDefaultKeyword() throws Exception {
        db.execute("INSERT INTO item VALUES (1, 'a', DEFAULT, 2, 'n')");
        assertThat(db.query("SELECT qty FROM item")).containsExactly(List.of((short) 0));
    }

    @Test
    void insertSelectCopiesEachRowOnce() throws Exception {
        db.execute("INSERT INTO item (id, sku, qty) VALUES (1, 'a', 1), (2, 'b', 2)");
        assertThat(db.execute("INSERT INTO item (id, sku, qty) SELECT id + 10, sku || 'x', qty FROM item")).isEqualTo(2);
        assertThat(db.query("SELECT id, sku FROM item ORDER BY id")).containsExactly(
                List.of(1, "a"), List.of(2, "b"), List.of(11, "ax"), List.of(12, "bx"));
    }

    @Test
    void duplicatePrimaryKeyFailsWith23505AndWritesNothing() throws Exception {
        db.execute("INSERT INTO item (id, sku) VALUES (1, 'a')");
        assertThatThrownBy(() -> db.execute("INSERT INTO item (id, sku) VALUES (2, 'b'), (1, 'c')"))
                .isInstanceOf(SQLException.class).satisfies(e -> assertThat(state(e)).isEqualTo("23505"));
        assertThat(db.query("SELECT id FROM item")).containsExactly(List.of(1));
    }

    @Test
    void uniqueColumnViolationFailsWith23505() throws Exception {
        db.execute("INSERT INTO item (id, sku) VALUES (1, 'a')");
        assertThatThrownBy(() -> db.execute("INSERT INTO item (id, sku) VALUES (2, 'a')"))
                .satisfies(e -> assertThat(state(e)).isEqualTo("23505"));
        db.execute("INSERT INTO item (id, sku) VALUES (2, 'b')");
        assertThatThrownBy(() -> db.execute("UPDATE item SET sku = 'a' WHERE id = 2"))
                .satisfies(e -> assertThat(state(e)).isEqualTo("23505"));
    }

    @Test
    void notNullViolationFailsWith23502() throws Exception {
        assertThatThrownBy(() -> db.update("INSERT INTO item (id, sku) VALUES (?, ?)", 1, null))
                .satisfies(e -> assertThat(state(e)).isEqualTo("23502"));
        assertThat(db.query("SELECT * FROM item")).isEmpty();
    }

    @Test
    void overflowAndTooLongValuesFail() throws Exception {
        assertThatThrownBy(() -> db.execute("INSERT INTO item (id, sku, qty) VALUES (1, 'a', 40000)"))
                .satisfies(e -> assertThat(state(e)).isEqualTo("22003"));
        assertThatThrownBy(() -> db.update("INSERT INTO item (id, sku, price) VALUES (1, 'a', ?)",
                new BigDecimal("12345.6")))
                .satisfies(e -> assertThat(state(e)).isEqualTo("22003"));
        assertThatThrownBy(() -> db.update("INSERT INTO item (id, sku) VALUES (1, ?)", "waytoolongsku"))
                .satisfies(e -> assertThat(state(e)).isEqualTo("22001"));
        assertThat(db.query("SELECT * FROM item")).isEmpty();
    }

    @Test
    void updateMaintainsIndexes() throws Exception {
        db.execute("INSERT INTO item (id, sku, qty) VALUES (1, 'a', 5), (2, 'b', 5), (3, 'c', 7)");
        assertThat(db.execute("UPDATE item SET qty = qty + 1 WHERE qty = 5")).isEqualTo(2);
        assertThat(db.explain("SELECT id FROM item WHERE qty = 6")).contains("index-range(ITEM_QTY)");
        assertThat(db.query("SELECT id FROM item WHERE qty = 6 ORDER BY id")).containsExactly(List.of(1), List.of(2));
        assertThat(db.query("SELECT id FROM item WHERE qty = 5")).isEmpty();
        assertThat(db.query("SELECT id FROM item WHERE sku = 'c'")).containsExactly(List.of(3));
    }

    @Test
    void updateOfPrimaryKeysMovesRows() throws Exception {
        db.execute("INSERT INTO item (id, sku, qty) VALUES (1, 'a', 1), (2, 'b', 2), (3, 'c', 3)");
        assertThat(db.execute("UPDATE item SET id = id + 1")).isEqualTo(3);
        assertThat(db.query("SELECT id, sku FROM item ORDER BY id"))
                .containsExactly(List.of(2, "a"), List.of(3, "b"), List.of(4, "c"));
        assertThat(db.query("SELECT sku FROM item WHERE id = 4")).containsExactly(List.of("c"));
        assertThat(db.query("SELECT id FROM item WHERE qty = 3")).containsExactly(List.of(4));
        assertThatThrownBy(() -> db.execute("UPDATE item SET id = 2 WHERE id = 3"))
                .satisfies(e -> assertThat(state(e)).isEqualTo("23505"));
    }

    @Test
    void deleteRemovesIndexEntries() throws Exception {
        db.execute("INSERT INTO item (id, sku, qty) VALUES (1, 'a', 1), (2, 'b', 1), (3, 'c', 2)");
        assertThat(db.execute("DELETE FROM item WHERE qty = 1")).isEqualTo(2);
        assertThat(db.query("SELECT id FROM item WHERE qty = 1")).isEmpty();
        db.execute("INSERT INTO item (id, sku, qty) VALUES (1, 'a', 9)");
        assertThat(db.query("SELECT id FROM item WHERE sku = 'a'")).containsExactly(List.of(1));
        assertThat(db.execute("DELETE FROM item")).isEqualTo(2);
        assertThat(db.query("SELECT COUNT(*) FROM item")).containsExactly(List.of(0L));
    }

    @Test
    void mergeUpdatesMatchedAndInsertsTheRest() throws Exception {
        db.execute("INSERT INTO item (id, sku, qty) VALUES (1, 'a', 1), (2, 'b', 2)");
        long count = db.execute("MERGE INTO item USING (VALUES (2, 'bb', 20), (3, 'c', 30)) AS s (id, sku, qty)"
                + " ON item.id = s.id"
                + " WHEN MATCHED THEN UPDATE SET sku = s.sku, qty = s.qty"
                + " WHEN NOT MATCHED THEN INSERT (id, sku, qty) VALUES (s.id, s.sku, s.qty)");
        assertThat(count).isEqualTo(2);
        assertThat(db.query("SELECT id, sku, qty FROM item ORDER BY id")).containsExactly(
                List.of(1, "a", (short) 1), List.of(2, "bb", (short) 20), List.of(3, "c", (short) 30));
    }

    @Test
    void tablesWithoutPrimaryKeyUseHiddenRowIds() throws Exception {
        db.execute("CREATE TABLE log (msg VARCHAR(10), n INT)");
        db.execute("INSERT INTO log VALUES ('x', 1), ('x', 1), ('y', 2)");
        assertThat(db.query("SELECT COUNT(*) FROM log")).containsExactly(List.of(3L));
        assertThat(db.execute("UPDATE log SET n = 5 WHERE msg = 'x'")).isEqualTo(2);
        assertThat(db.query("SELECT msg, n FROM log ORDER BY msg")).containsExactly(
                List.of("x", 5), List.of("x", 5), List.of("y", 2));
        assertThat(db.execute("DELETE FROM log WHERE n = 5")).isEqualTo(2);
        assertThat(db.query("SELECT msg FROM log")).containsExactly(List.of("y"));
    }

    @Test
    void preparedInsertWithParameters() throws Exception {
        for (int i = 1; i <= 3; i++) {
            assertThat(db.update("INSERT INTO item (id, sku, price) VALUES (?, ?, ?)", i, "s" + i,
                    new BigDecimal(i + ".25"))).isEqualTo(1);
        }
        assertThat(db.query("SELECT SUM(price) FROM item")).containsExactly(List.of(new BigDecimal("6.75")));
    }
}
