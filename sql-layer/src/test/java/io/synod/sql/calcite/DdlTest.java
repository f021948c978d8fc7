package io.synod.sql.calcite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synod.sql.kv.MemorySqlKv;
import io.synod.sql.txn.Sequences;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tables, indexes, views, schemas and ALTER TABLE through the catalog. */
class DdlTest {

    private MemorySqlKv kv;
    private Sequences sequences;
    private SqlHarness db;

    @BeforeEach
    void setUp() throws Exception {
        kv = new MemorySqlKv();
        sequences = new Sequences(kv);
        db = new SqlHarness(kv, sequences);
    }

    @AfterEach
    void tearDown() throws Exception {
        db.close();
    }

    private static String state(Throwable e) {
        return SqlHarness.sqlState(e);
    }

    @Test
    void createTableIfNotExistsAndDuplicates() throws Exception {
        db.execute("CREATE TABLE t (a INT PRIMARY KEY)");
        db.execute("CREATE TABLE IF NOT EXISTS t (b INT)");
        assertThatThrownBy(() -> db.execute("CREATE TABLE t (b INT)"))
                .satisfies(e -> assertThat(state(e)).isEqualTo("42P07"));
        assertThatThrownBy(() -> db.execute("CREATE TABLE u (a INT, PRIMARY KEY (a), PRIMARY KEY (a))"))
                .satisfies(e -> assertThat(state(e)).isEqualTo("42P16"));
        assertThatThrownBy(() -> db.execute("CREATE TABLE u (a INT DEFAULT 'x')"))
                .satisfies(e -> assertThat(state(e)).isEqualTo("42804"));
        assertThatThrownBy(() -> db.execute("CREATE TABLE u (a TINYINT)"))
                .satisfies(e -> assertThat(state(e)).isEqualTo("0A000"));
        db.execute("DROP TABLE t");
        db.execute("DROP TABLE IF EXISTS t");
        assertThatThrownBy(() -> db.execute("DROP TABLE t")).satisfies(e -> assertThat(state(e)).isEqualTo("42P01"));
    }

    @Test
    void quotedIdentifiersAreCaseSensitive() throws Exception {
        db.execute("CREATE TABLE \"Mixed\" (\"Id\" INT PRIMARY KEY, plain INT)");
        db.execute("INSERT INTO \"Mixed\" VALUES (1, 2)");
        assertThat(db.query("SELECT \"Id\", PLAIN FROM \"Mixed\"")).containsExactly(List.of(1, 2));
        assertThatThrownBy(() -> db.query("SELECT * FROM mixed")).isInstanceOf(SQLException.class);
    }

    @Test
    void parseErrorsCarryPositions() {
        assertThatThrownBy(() -> db.execute("CREATE INDEX ix ON t (a ASC)"))
                .hasMessageContaining("line 1, column 25");
        assertThatThrownBy(() -> db.execute("ALTER TABLE t ADD PRIMARY KEY (a)"))
                .hasMessageContaining("line 1, column 19");
    }

    @Test
    void indexBuiltForExistingRowsAndUniqueIndexChecksThem() throws Exception {
        db.execute("CREATE TABLE p (id INT PRIMARY KEY, email VARCHAR(20), city VARCHAR(10))");
        db.execute("INSERT INTO p VALUES (1, 'a@x', 'rome'), (2, 'b@x', 'oslo'), (3, 'a@x', 'rome')");
        db.execute("CREATE INDEX p_city ON p (city)");
        assertThat(db.explain("SELECT id FROM p WHERE city = 'rome'")).contains("index-range(P_CITY)");
        assertThat(db.query("SELECT id FROM p WHERE city = 'rome' ORDER BY id")).containsExactly(List.of(1), List.of(3));
        assertThatThrownBy(() -> db.execute("CREATE UNIQUE INDEX p_email ON p (email)"))
                .satisfies(e -> assertThat(state(e)).isEqualTo("23505"));
        db.execute("DELETE FROM p WHERE id = 3");
        db.execute("CREATE UNIQUE INDEX p_email ON p (email)");
        assertThatThrownBy(() -> db.execute("INSERT INTO p VALUES (4, 'b@x', 'oslo')"))
                .satisfies(e -> assertThat(state(e)).isEqualTo("23505"));
        db.execute("INSERT INTO p VALUES (4, NULL, 'oslo'), (5, NULL, 'oslo')");
        db.execute("DROP INDEX p_city");
        assertThat(db.explain("SELECT id FROM p WHERE city = 'rome'")).contains("full-scan");
        db.execute("DROP INDEX IF EXISTS p_city");
        assertThatThrownBy(() -> db.execute("DROP INDEX p_city")).satisfies(e -> assertThat(state(e)).isEqualTo("42704"));
    }

    @Test
    void addColumnReadsDefaultOnExistingRows() throws Exception {
        db.execute("CREATE TABLE a (id INT PRIMARY KEY)");
        db.execute("INSERT INTO a VALUES (1), (2)");
        db.execute("ALTER TABLE a ADD COLUMN status VARCHAR(8) DEFAULT 'new' NOT NULL");
        db.execute("ALTER TABLE a ADD note VARCHAR(5)");
        db.execute("INSERT INTO a (id, note) VALUES (3, 'n')");
        assertThat(db.query("SELECT id, status, note FROM a ORDER BY id")).containsExactly(
                Arrays.asList(1, "new", null), Arrays.asList(2, "new", null), Arrays.asList(3, "new", "n"));
        assertThatThrownBy(() -> db.execute("ALTER TABLE a ADD COLUMN must INT NOT NULL"))
                .satisfies(e -> assertThat(state(e)).isEqualTo("23502"));
        db.execute("ALTER TABLE a ADD COLUMN IF NOT EXISTS note INT");
        assertThatThrownBy(() -> db.execute("ALTER TABLE a ADD COLUMN note INT"))
                .satisfies(e -> assertThat(state(e)).isEqualTo("42701"));
    }

    @Test
    void viewsExpandAndDropRestrictRefuses() throws Exception {
        db.execute("CREATE TABLE emp (id INT PRIMARY KEY, dept VARCHAR(5), pay INT)");
        db.execute("INSERT INTO emp VALUES (1, 'a', 10), (2, 'a', 20), (3, 'b', 5)");
        db.execute("CREATE VIEW dept_pay (dept, total) AS SELECT dept, SUM(pay) FROM emp GROUP BY dept");
        db.execute("CREATE VIEW rich AS SELECT dept FROM dept_pay WHERE total > 10");
        assertThat(db.query("SELECT * FROM dept_pay ORDER BY dept")).containsExactly(List.of("a", 30), List.of("b", 5));
        assertThat(db.query("SELECT * FROM rich")).containsExactly(List.of("a"));
        assertThatThrownBy(() -> db.execute("DROP TABLE emp"))
                .satisfies(e -> assertThat(state(e)).isEqualTo("2BP01"));
        assertThatThrownBy(() -> db.execute("DROP VIEW dept_pay RESTRICT"))
                .satisfies(e -> assertThat(state(e)).isEqualTo("2BP01"));
        assertThat(db.query("SELECT COUNT(*) FROM rich")).containsExactly(List.of(1L));
        db.execute("DROP TABLE emp CASCADE");
        assertThatThrownBy(() -> db.query("SELECT * FROM rich")).isInstanceOf(SQLException.class);
        db.execute("CREATE TABLE emp (id INT PRIMARY KEY)");
        assertThat(db.query("SELECT COUNT(*) FROM emp")).containsExactly(List.of(0L));
    }

    @Test
    void invalidViewIsRefused() {
        assertThatThrownBy(() -> db.execute("CREATE VIEW v AS SELECT * FROM missing"))
                .satisfies(e -> assertThat(state(e)).isEqualTo("42P16"));
    }

    @Test
    void schemasHoldTablesAndDropCascade() throws Exception {
        db.execute("CREATE SCHEMA sales");
        db.execute("CREATE SCHEMA IF NOT EXISTS sales");
        db.execute("CREATE TABLE sales.deal (id INT PRIMARY KEY, amount INT)");
        db.execute("INSERT INTO sales.deal VALUES (1, 100)");
        db.execute("CREATE VIEW big AS SELECT id FROM sales.deal WHERE amount > 50");
        assertThat(db.query("SELECT * FROM big")).containsExactly(List.of(1));
        assertThatThrownBy(() -> db.execute("DROP SCHEMA sales"))
                .satisfies(e -> assertThat(state(e)).isEqualTo("2BP01"));
        db.execute("DROP SCHEMA sales CASCADE");
        assertThatThrownBy(() -> db.query("SELECT * FROM big")).isInstanceOf(SQLException.class);
        db.execute("DROP SCHEMA IF EXISTS sales");
    }

    @Test
    void ddlOfAnotherConnectionIsSeenAtOnce() throws Exception {
        try (SqlHarness other = new SqlHarness(kv, sequences)) {
            assertThatThrownBy(() -> other.query("SELECT * FROM shared")).isInstanceOf(SQLException.class);
            db.execute("CREATE TABLE shared (id INT PRIMARY KEY, v VARCHAR(3))");
            db.execute("INSERT INTO shared VALUES (1, 'x')");
            assertThat(other.query("SELECT v FROM shared")).containsExactly(List.of("x"));
            other.execute("ALTER TABLE shared ADD COLUMN w INT DEFAULT 7");
            assertThat(db.query("SELECT v, w FROM shared")).containsExactly(List.of("x", 7));
        }
    }

    @Test
    void unsupportedStatementsSay0A000() {
        assertThatThrownBy(() -> db.execute("CREATE TABLE c (x INT, CHECK (x > 0))"))
                .satisfies(e -> assertThat(state(e)).isEqualTo("0A000"));
    }
}
