package io.synod.sql.session;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Defects the differential suites (SQLite against Synod, docs/sql-differential-findings.md)
 * found, each reduced to the statements that showed it, through the engine's JDBC connection.
 */
class DifferentialFindingsTest {

    private final SessionTestSupport db = new SessionTestSupport();
    private Connection connection;

    @BeforeEach
    void open() throws SQLException {
        connection = db.connect();
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
        db.close();
    }

    private int update(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            return s.executeUpdate(sql);
        }
    }

    private List<List<Object>> query(String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Object[] row = new Object[n];
                for (int i = 0; i < n; i++) {
                    row[i] = rs.getObject(i + 1);
                }
                rows.add(Arrays.asList(row));
            }
            return rows;
        }
    }

    /** Finding 2: an untyped NULL and DECIMAL or INTEGER literals in one DOUBLE column of a VALUES. */
    @Test
    void multiRowInsertWithNullsAndNumericLiteralsForDoubleColumns() throws SQLException {
        update("CREATE TABLE t1 (id INTEGER NOT NULL, k2 INTEGER NOT NULL, i1 INTEGER, d1 DOUBLE, d2 DOUBLE,"
                + " PRIMARY KEY (id, k2))");
        assertThat(update("INSERT INTO t1 (id, k2, i1, d2) VALUES (504, 505, NULL, -2.75), (506, 507, 2, NULL),"
                + " (508, 509, 6, NULL)")).isEqualTo(3);
        assertThat(update("INSERT INTO t1 (id, k2, d1) VALUES (1, 1, 2), (2, 2, NULL)")).isEqualTo(2);
        assertThat(update("INSERT INTO t1 VALUES (3, 3, 7, NULL, 10.50), (4, 4, NULL, 477.75, NULL)")).isEqualTo(2);
        assertThat(query("SELECT id, i1, d1, d2 FROM t1 ORDER BY id")).containsExactly(
                Arrays.asList(1, null, 2.0, null),
                Arrays.asList(2, null, null, null),
                Arrays.asList(3, 7, null, 10.5),
                Arrays.asList(4, null, 477.75, null),
                Arrays.asList(504, null, null, -2.75),
                Arrays.asList(506, 2, null, null),
                Arrays.asList(508, 6, null, null));
    }

    /** Finding 1: SUM over DECIMAL, on an empty table and with a LEFT JOIN. */
    @Test
    void sumOverDecimal() throws SQLException {
        update("CREATE TABLE departments (dept_id INTEGER NOT NULL, name VARCHAR(20) NOT NULL, PRIMARY KEY (dept_id))");
        update("CREATE TABLE employees (emp_id INTEGER NOT NULL, dept_id INTEGER, salary DECIMAL(10,2),"
                + " PRIMARY KEY (emp_id))");
        assertThat(query("SELECT SUM(salary), COUNT(DISTINCT dept_id) FROM employees"))
                .containsExactly(Arrays.asList(null, 0L));
        update("INSERT INTO departments VALUES (1, 'eng'), (2, 'ops')");
        update("INSERT INTO employees VALUES (1, 1, 100.25), (2, 1, 0.50), (3, NULL, 7.00)");
        assertThat(query("SELECT d.name, COUNT(e.emp_id), SUM(e.salary), MIN(e.salary), MAX(e.salary)"
                + " FROM departments d LEFT JOIN employees e ON e.dept_id = d.dept_id GROUP BY d.name ORDER BY d.name"))
                .containsExactly(
                        List.of("eng", 2L, new BigDecimal("100.75"), new BigDecimal("0.50"), new BigDecimal("100.25")),
                        Arrays.asList("ops", 0L, null, null, null));
    }

    /**
     * A scan returning only some columns must not pass them off as the primary key: GROUP BY and
     * DISTINCT on the first projected column were dropped as already unique.
     */
    @Test
    void groupByAndDistinctOnProjectedColumns() throws SQLException {
        update("CREATE TABLE t3 (id INTEGER NOT NULL, i1 INTEGER, b1 BIGINT, s1 VARCHAR(20), PRIMARY KEY (id))");
        update("INSERT INTO t3 VALUES (13, 0, 11, 'b')");
        update("INSERT INTO t3 VALUES (507, 0, 5, 'b')");
        assertThat(query("SELECT s1, SUM(b1) FROM t3 GROUP BY s1")).containsExactly(List.of("b", 16L));
        assertThat(query("SELECT DISTINCT i1 FROM t3")).containsExactly(List.of(0));
        assertThat(query("SELECT DISTINCT (- (- i1)) AS c1 FROM t3 ORDER BY 1 ASC NULLS FIRST"))
                .containsExactly(List.of(0));
        assertThat(query("SELECT COUNT(*) FROM (SELECT DISTINCT s1 FROM t3)")).containsExactly(List.of(1L));
    }

    /** UNION (distinct) under ORDER BY ... LIMIT: the limit must not be pushed into inputs with duplicates. */
    @Test
    void unionDistinctWithLimitAndOffset() throws SQLException {
        update("CREATE TABLE u1 (id BIGINT NOT NULL, d1 DOUBLE, PRIMARY KEY (id))");
        update("CREATE TABLE u2 (id VARCHAR(8) NOT NULL, i2 INTEGER NOT NULL, PRIMARY KEY (id))");
        update("INSERT INTO u1 VALUES (501, NULL), (18, -945.00), (0, 4.50), (502, 4.50), (1, 3.50), (503, NULL)");
        assertThat(query("SELECT a.i2 AS c1 FROM u2 a UNION SELECT b.d1 FROM u1 b ORDER BY 1 ASC NULLS FIRST"
                + " LIMIT 2 OFFSET 2")).containsExactly(List.of(3.5), List.of(4.5));
    }

    /**
     * Join reordering made the planner search every join order: this query took over 20 s to
     * plan, and a five-way join far longer. Planning must stay well inside the timeout.
     */
    @Test
    void multiWayJoinsPlanQuickly() throws SQLException {
        update("CREATE TABLE t2 (id INTEGER NOT NULL, s1 VARCHAR(4), i1 INTEGER, i2 INTEGER, PRIMARY KEY (id))");
        update("CREATE TABLE t3 (id INTEGER NOT NULL, PRIMARY KEY (id))");
        update("INSERT INTO t2 VALUES (1, 'a', 1, 1), (2, 'abd', 1, 2)");
        update("INSERT INTO t3 VALUES (1), (2)");
        try (Statement s = connection.createStatement()) {
            s.setQueryTimeout(30);
            try (ResultSet rs = s.executeQuery("SELECT COUNT(DISTINCT a.s1), MIN(b.s1) FROM t2 a"
                    + " JOIN t2 b ON b.i2 = a.i1 AND CASE WHEN a.i2 IS NULL THEN a.s1 ELSE a.s1 END <= 'abd'"
                    + " JOIN t2 c ON c.i2 = b.i2 JOIN t2 d ON d.i1 = c.i1 JOIN t2 e ON e.id = d.id"
                    + " WHERE c.i2 IN (SELECT q1.id FROM t3 q1)")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(2);
                assertThat(rs.getString(2)).isEqualTo("a");
            }
        }
    }

    /** A DELETE or UPDATE with a subquery whose rows the planner prunes away entirely (soak, seed 1393299645962163084). */
    @Test
    void dmlWhoseRowsArePrunedAway() throws SQLException {
        update("CREATE TABLE t1 (id VARCHAR(8) NOT NULL, b1 BIGINT NOT NULL, i1 INTEGER NOT NULL, PRIMARY KEY (id))");
        update("CREATE TABLE t2 (id BIGINT NOT NULL, b1 BIGINT, PRIMARY KEY (id))");
        update("INSERT INTO t1 VALUES ('a', 1, 1)");
        assertThat(update("DELETE FROM t1 WHERE t1.id NOT LIKE '%' AND EXISTS (SELECT 1 FROM t2 o WHERE o.b1 = t1.i1)"))
                .isZero();
        assertThat(update("UPDATE t1 SET b1 = 2 WHERE 1 = 0 AND EXISTS (SELECT 1 FROM t2 o WHERE o.b1 = t1.i1)"))
                .isZero();
        assertThat(query("SELECT id, b1 FROM t1")).containsExactly(List.of("a", 1L));
    }

    /**
     * A join above a LEFT join on the right side's column: a merge join took the LEFT join's
     * output as sorted on that column, which is NULL for unmatched rows (soak, seed 6881837806680845375).
     */
    @Test
    void joinOnTheNullableSideOfALeftJoin() throws SQLException {
        update("CREATE TABLE t1 (id INTEGER NOT NULL, s1 VARCHAR(8), s2 VARCHAR(20) NOT NULL, PRIMARY KEY (id))");
        update("CREATE TABLE t2 (id INTEGER NOT NULL, s2 VARCHAR(20) NOT NULL, s3 VARCHAR(8) NOT NULL, PRIMARY KEY (id))");
        update("INSERT INTO t1 VALUES (0, 'cc', 'd'), (12, 'c', 'dbc'), (504, '', 'bba')");
        update("INSERT INTO t2 VALUES (1, 'd', 'ddc')");
        assertThat(query("SELECT a.id, b.id, c.id FROM t1 a LEFT JOIN t2 b ON b.s2 = a.s2 JOIN t1 c ON c.s2 = b.s2"))
                .containsExactly(List.of(0, 1, 0));
        assertThat(query("SELECT b.s3, SUM(c.id) FROM t1 a LEFT JOIN t2 b ON b.s2 = a.s2 JOIN t1 c ON c.s2 = b.s2"
                + " WHERE UPPER(a.s2) <= c.s1 GROUP BY b.s3")).containsExactly(List.of("ddc", 0L));
    }

    /** COALESCE of a NULL column compared: the plan cast the column to NOT NULL, reading NULL as 0 (finding 12). */
    @Test
    void coalesceOfANullColumnInAComparison() throws SQLException {
        update("CREATE TABLE t2 (id INTEGER NOT NULL, k2 INTEGER NOT NULL, d1 DOUBLE NOT NULL, d2 DOUBLE, i1 INTEGER,"
                + " PRIMARY KEY (id, k2))");
        update("INSERT INTO t2 VALUES (515, 516, 1.00, NULL, NULL)");
        assertThat(query("SELECT a.id FROM t2 a WHERE a.d1 > COALESCE(a.d2, 8.75)")).isEmpty();
        assertThat(query("SELECT a.id FROM t2 a WHERE COALESCE(a.i1, 12) <= 5 OR ABS(a.i1) < -1")).isEmpty();
        assertThat(query("SELECT COALESCE(a.i1, 12) FROM t2 a")).containsExactly(List.of(12));
        assertThat(update("DELETE FROM t2 WHERE 7 > COALESCE(t2.i1, 1000)")).isZero();
        assertThat(query("SELECT id FROM t2")).containsExactly(List.of(515));
    }

    /** A correlated scalar subquery comparing a BIGINT column with an INTEGER one (soak, seed 60400147378022748). */
    @Test
    void correlatedSubqueryComparingBigintWithInteger() throws SQLException {
        update("CREATE TABLE t1 (id INTEGER NOT NULL, k2 INTEGER NOT NULL, PRIMARY KEY (id))");
        update("CREATE TABLE t2 (id INTEGER NOT NULL, b1 BIGINT NOT NULL, s1 VARCHAR(8), PRIMARY KEY (id))");
        update("CREATE TABLE t3 (b1 BIGINT NOT NULL, s1 VARCHAR(8), PRIMARY KEY (b1))");
        update("INSERT INTO t1 VALUES (1, 7), (2, 8)");
        update("INSERT INTO t2 VALUES (10, 7, 'x'), (11, 7, 'w')");
        update("INSERT INTO t3 VALUES (7, 'y')");
        assertThat(query("SELECT a.id, (SELECT MIN(q.s1) FROM t2 q WHERE q.b1 = a.k2) FROM t1 a ORDER BY a.id"))
                .containsExactly(List.of(1, "w"), Arrays.asList(2, null));
        assertThat(query("SELECT a.id, (SELECT COUNT(*) FROM t2 q WHERE q.b1 = a.k2) FROM t1 a ORDER BY a.id"))
                .containsExactly(List.of(1, 2L), List.of(2, 0L));
        assertThat(query("SELECT a.id, (SELECT MIN(q.s1) FROM t3 q WHERE q.b1 = a.k2) FROM t1 a ORDER BY a.id"))
                .containsExactly(List.of(1, "y"), Arrays.asList(2, null));
        assertThat(query("SELECT a.id, q.s1 FROM t1 a JOIN t3 q ON q.b1 = a.k2")).containsExactly(List.of(1, "y"));
    }

    /**
     * SUM of BIGINT past 2^63 fails with 22003 instead of wrapping (also inside AVG, per group and
     * OVER a window; a sliding window whose sums fit answers); AVG of INTEGER past 2^31 answers.
     */
    @Test
    void sumOverflowFailsAndAvgDoesNotOverflow() throws SQLException {
        update("CREATE TABLE s (id INTEGER NOT NULL, b BIGINT, i INTEGER, PRIMARY KEY (id))");
        update("INSERT INTO s VALUES (1, 9223372036854775807, 2147483647), (2, 1, 2147483647), (3, NULL, 1)");
        assertThat(query("SELECT AVG(i), SUM(i) FROM s")).containsExactly(List.of(1431655765L, 4294967295L));
        try (Statement st = connection.createStatement()) {
            assertThatThrownBy(() -> st.executeQuery("SELECT SUM(b) FROM s").next())
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22003"));
        }
        assertThat(query("SELECT SUM(b) FROM s WHERE id > 1")).containsExactly(List.of(1L));
        assertThat(query("SELECT SUM(b), AVG(b), COUNT(b) FROM s WHERE id > 3")).containsExactly(Arrays.asList(null, null, 0L));
        try (Statement st = connection.createStatement()) {
            for (String overflows : List.of("SELECT AVG(b) FROM s", "SELECT i, SUM(b) FROM s GROUP BY i",
                    "SELECT id, SUM(b) OVER (ORDER BY id) FROM s")) {
                assertThatThrownBy(() -> st.executeQuery(overflows).next()).as(overflows)
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22003"));
            }
        }
        update("CREATE TABLE w (id INTEGER NOT NULL, b BIGINT, PRIMARY KEY (id))");
        update("INSERT INTO w VALUES (1, 9223372036854775807), (2, -1), (3, 9223372036854775807)");
        assertThat(query("SELECT id, SUM(b) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM w"
                + " ORDER BY id")).containsExactly(List.of(1, Long.MAX_VALUE), List.of(2, Long.MAX_VALUE - 1),
                List.of(3, Long.MAX_VALUE - 1));
    }

    /**
     * A correlated scalar subquery comparing a BIGINT column (holding a value beyond INTEGER) with
     * an INTEGER one found no row (soak, case seed 60400147378022748, replayed).
     */
    @Test
    void correlatedSubqueryOverBigintValuesBeyondInteger() throws SQLException {
        update("CREATE TABLE t1 (id INTEGER NOT NULL, k2 INTEGER NOT NULL, s1 VARCHAR(8) NOT NULL, i1 INTEGER,"
                + " s2 VARCHAR(20), d1 DOUBLE, PRIMARY KEY (id, k2))");
        update("CREATE TABLE t2 (id INTEGER NOT NULL, s1 VARCHAR(20) NOT NULL, b1 BIGINT, i1 INTEGER,"
                + " PRIMARY KEY (id))");
        update("INSERT INTO t1 VALUES (501, 7, 'ba', 12, 'cb', NULL), (3, -1, 'b', 10, 'a', 1.25)"
                + ", (3, 1, '', 11, 'a', NULL), (2, 8, 'add', NULL, 'c', NULL)"
                + ", (1, 502, 'bd', 6, 'ac', 603.25), (20, 503, 'ad', NULL, '', 1.00)"
                + ", (504, 15, '', 8, 'db', -250.25), (15, 505, 'bd', 11, 'bdd', NULL)"
                + ", (19, 11, 'bc', 2, '', -2.25), (18, 18, 'ddc', 100, NULL, NULL)"
                + ", (0, 17, '', 8, 'c', NULL)");
        update("INSERT INTO t2 VALUES (12, 'b', 123456789012, 7), (4, 'bc', 5, 8), (16, 'ba', 4, 10)"
                + ", (8, 'b', 10, 3), (6, 'bdc', NULL, NULL), (0, 'ada', 3, 100), (5, '', 8, 9)"
                + ", (14, '', 6, 11), (17, 'b', 7, 1000), (506, 'aa', 2, 0), (-2, 'b', 10, NULL)");
        update("INSERT INTO t2 VALUES (507, 'dba', NULL, -2)");
        assertThat(query("SELECT a.id AS c1, (SELECT MIN(q.s1) FROM t2 q WHERE q.b1 = a.k2) AS c2 FROM t1 a"))
                .containsExactlyInAnyOrder(Arrays.asList(0, null), Arrays.asList(1, null), List.of(2, ""),
                        Arrays.asList(3, null), Arrays.asList(3, null), Arrays.asList(15, null),
                        Arrays.asList(18, null), Arrays.asList(19, null), Arrays.asList(20, null), List.of(501, "b"),
                        Arrays.asList(504, null));
    }

    /** A FULL JOIN under ORDER BY ... LIMIT returned one row of two (soak, case seed 1777493010007204456, replayed). */
    @Test
    void fullJoinUnderOrderByAndLimit() throws SQLException {
        update("CREATE TABLE t2 (id INTEGER NOT NULL, s1 VARCHAR(20), b1 BIGINT, n1 DECIMAL(10,2), PRIMARY KEY (id))");
        update("CREATE TABLE t3 (id INTEGER NOT NULL, k2 INTEGER NOT NULL, d1 DOUBLE, s1 VARCHAR(4) NOT NULL,"
                + " i1 INTEGER, d2 DOUBLE NOT NULL, d3 DOUBLE NOT NULL, PRIMARY KEY (id, k2))");
        update("CREATE INDEX t3_ix1 ON t3 (d2)");
        update("INSERT INTO t2 VALUES (11, '', 5, NULL), (20, 'bb', 6, NULL), (10, 'cc', -3, -176.17)"
                + ", (508, 'b', NULL, 799.74), (2, 'aaa', 0, 9.96), (6, 'ab', NULL, 2.08)"
                + ", (5, 'da', NULL, 74.50)");
        update("INSERT INTO t3 VALUES (16, 509, NULL, 'a', 11, -2.25, 0.50)"
                + ", (3, 510, 10.25, 'c', 8, 3.75, -2.00), (10, 511, 10.00, 'ab', NULL, 860.75, 5.25)"
                + ", (512, 1, -1.75, '', NULL, 6.25, 3.75), (-1, 1, 5.00, 'aad', -1, 877.50, -537.25)"
                + ", (6, 5, -2.00, 'c', NULL, 4.75, 9.25), (-1, 16, NULL, 'cbc', NULL, 8.50, 856.75)"
                + ", (19, 17, 8.25, 'a', NULL, 11.00, -3.00), (513, 8, NULL, 'baa', -3, -642.25, -1.00)"
                + ", (10, 2, NULL, 'c', NULL, -0.25, -1.00), (514, 515, NULL, 'daa', -100, -1.75, 281.75)");
        assertThat(query("SELECT (- CASE WHEN (b.id - b.k2) = 12 THEN a.b1 END) AS c1, b.id AS c2 FROM t2 a"
                + " JOIN t3 b ON b.k2 = a.b1 FULL JOIN t3 c ON c.d2 = b.d1 WHERE c.i1 IS NULL"
                + " ORDER BY 1 ASC NULLS FIRST, 2 ASC NULLS LAST LIMIT 2"))
                .containsExactly(Arrays.asList(null, 6), Arrays.asList(null, null));
    }

    @Test
    void outerJoinOnAConditionThatIsAlwaysFalseKeepsItsPreservedSide() throws SQLException {
        update("CREATE TABLE t1 (id BIGINT NOT NULL, k2 INTEGER NOT NULL, i1 INTEGER, PRIMARY KEY (id, k2))");
        update("CREATE TABLE t2 (id INTEGER NOT NULL, k2 INTEGER NOT NULL, s1 VARCHAR(20) NOT NULL,"
                + " s3 VARCHAR(20) NOT NULL, PRIMARY KEY (id, k2))");
        String filtered = "SELECT COUNT(*) FROM t1 a LEFT JOIN t2 b ON b.id = a.id AND a.id IS NULL WHERE b.s3 < b.s1";
        assertThat(query(filtered)).containsExactly(List.of(0L));
        update("INSERT INTO t1 VALUES (1, 1, 10), (2, 2, NULL)");
        update("INSERT INTO t2 VALUES (1, 1, 'b', 'a'), (2, 2, 'a', 'b')");
        assertThat(query(filtered)).containsExactly(List.of(0L));
        assertThat(query("SELECT a.id, a.i1, b.id, b.s1 FROM t1 a LEFT JOIN t2 b ON b.id = a.id AND a.id IS NULL"
                + " ORDER BY a.id"))
                .containsExactly(Arrays.asList(1L, 10, null, null), Arrays.asList(2L, null, null, null));
        assertThat(query("SELECT b.id, a.id FROM t1 a RIGHT JOIN t2 b ON 1 = 0 ORDER BY b.id"))
                .containsExactly(Arrays.asList(1, null), Arrays.asList(2, null));
        assertThat(query("SELECT COUNT(*) FROM t1 a LEFT JOIN t2 b ON FALSE WHERE b.id IS NULL"))
                .containsExactly(List.of(2L));
    }
}
