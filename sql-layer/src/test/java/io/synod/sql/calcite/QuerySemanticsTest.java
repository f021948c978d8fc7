package io.synod.sql.calcite;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Calcite's relational operators over Synod tables: joins, aggregates, windows, subqueries, sets, NULLs, types. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuerySemanticsTest {

    private SqlHarness db;

    @BeforeAll
    void setUp() throws Exception {
        db = SqlHarness.memory();
        db.executeAll(
                "CREATE TABLE dept (id INT PRIMARY KEY, name VARCHAR(10) NOT NULL)",
                "CREATE TABLE emp (id INT PRIMARY KEY, name VARCHAR(10), dept_id INT, salary DECIMAL(8, 2),"
                        + " hired DATE, bonus DOUBLE)",
                "CREATE INDEX emp_dept ON emp (dept_id)",
                "INSERT INTO dept VALUES (1, 'eng'), (2, 'ops'), (3, 'empty')",
                "INSERT INTO emp VALUES (1, 'ann', 1, 100.00, DATE '2020-01-15', 1.5),"
                        + " (2, 'bob', 1, 80.50, DATE '2021-06-01', NULL),"
                        + " (3, 'cid', 2, 70.00, DATE '2019-03-10', 0.5),"
                        + " (4, 'dan', NULL, 60.00, NULL, NULL)");
    }

    @AfterAll
    void tearDown() throws Exception {
        db.close();
    }

    @Test
    void innerAndOuterJoins() throws Exception {
        assertThat(db.query("SELECT e.name, d.name FROM emp e JOIN dept d ON e.dept_id = d.id ORDER BY e.name"))
                .containsExactly(List.of("ann", "eng"), List.of("bob", "eng"), List.of("cid", "ops"));
        assertThat(db.query("SELECT d.name, COUNT(e.id) FROM dept d LEFT JOIN emp e ON e.dept_id = d.id"
                + " GROUP BY d.name ORDER BY d.name"))
                .containsExactly(List.of("empty", 0L), List.of("eng", 2L), List.of("ops", 1L));
        assertThat(db.query("SELECT e.name FROM emp e LEFT JOIN dept d ON e.dept_id = d.id WHERE d.id IS NULL"))
                .containsExactly(List.of("dan"));
    }

    @Test
    void aggregatesIgnoreNulls() throws Exception {
        assertThat(db.query("SELECT COUNT(*), COUNT(dept_id), SUM(salary), MIN(hired), AVG(bonus) FROM emp"))
                .containsExactly(Arrays.asList(4L, 3L, new BigDecimal("310.50"),
                        java.sql.Date.valueOf("2019-03-10"), 1.0));
        assertThat(db.query("SELECT dept_id, MAX(salary) FROM emp GROUP BY dept_id HAVING COUNT(*) > 1"))
                .containsExactly(List.of(1, new BigDecimal("100.00")));
    }

    @Test
    void windowFunctions() throws Exception {
        assertThat(db.query("SELECT name, RANK() OVER (PARTITION BY dept_id ORDER BY salary DESC),"
                + " SUM(salary) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)"
                + " FROM emp WHERE dept_id IS NOT NULL ORDER BY id"))
                .containsExactly(
                        List.of("ann", 1L, new BigDecimal("100.00")),
                        List.of("bob", 2L, new BigDecimal("180.50")),
                        List.of("cid", 1L, new BigDecimal("250.50")));
    }

    @Test
    void subqueries() throws Exception {
        assertThat(db.query("SELECT name FROM emp WHERE salary > (SELECT AVG(salary) FROM emp) ORDER BY name"))
                .containsExactly(List.of("ann"), List.of("bob"));
        assertThat(db.query("SELECT name FROM dept d WHERE NOT EXISTS (SELECT 1 FROM emp e WHERE e.dept_id = d.id)"))
                .containsExactly(List.of("empty"));
        assertThat(db.query("SELECT name FROM emp WHERE dept_id IN (SELECT id FROM dept WHERE name = 'ops')"))
                .containsExactly(List.of("cid"));
        assertThat(db.query("SELECT name, (SELECT name FROM dept WHERE id = emp.dept_id) FROM emp WHERE id = 2"))
                .containsExactly(List.of("bob", "eng"));
    }

    @Test
    void setOperations() throws Exception {
        assertThat(db.query("SELECT name FROM dept UNION SELECT name FROM emp WHERE id < 3 ORDER BY 1"))
                .containsExactly(List.of("ann"), List.of("bob"), List.of("empty"), List.of("eng"), List.of("ops"));
        assertThat(db.query("SELECT dept_id FROM emp UNION ALL SELECT id FROM dept ORDER BY 1 NULLS FIRST"))
                .hasSize(7).first().isEqualTo(Arrays.asList((Object) null));
        assertThat(db.query("SELECT id FROM dept EXCEPT SELECT dept_id FROM emp")).containsExactly(List.of(3));
        assertThat(db.query("SELECT id FROM dept INTERSECT SELECT dept_id FROM emp ORDER BY 1"))
                .containsExactly(List.of(1), List.of(2));
    }

    @Test
    void nullSemantics() throws Exception {
        assertThat(db.query("SELECT COUNT(*) FROM emp WHERE dept_id = NULL")).containsExactly(List.of(0L));
        assertThat(db.query("SELECT COUNT(*) FROM emp WHERE dept_id <> 1")).containsExactly(List.of(1L));
        assertThat(db.query("SELECT name FROM emp WHERE dept_id IS NULL")).containsExactly(List.of("dan"));
        assertThat(db.query("SELECT COALESCE(bonus, 0) FROM emp WHERE id = 4")).containsExactly(List.of(0.0));
        assertThat(db.query("SELECT name FROM emp WHERE dept_id NOT IN (2, NULL)")).isEmpty();
        assertThat(db.query("SELECT name FROM emp ORDER BY dept_id NULLS FIRST, id LIMIT 1"))
                .containsExactly(List.of("dan"));
    }

    @Test
    void indexRangeScanSkipsNulls() throws Exception {
        String sql = "SELECT name FROM emp WHERE dept_id < 2 ORDER BY name";
        assertThat(db.explain(sql)).contains("index-range(EMP_DEPT)", "keys=[DEPT_ID < 2]");
        assertThat(db.query(sql)).containsExactly(List.of("ann"), List.of("bob"));
    }

    @Test
    void limitAndOffsetOnAFullScan() throws Exception {
        String sql = "SELECT id FROM emp ORDER BY id LIMIT 2 OFFSET 1";
        assertThat(db.explain(sql)).contains("access=[full-scan]", "offset=[1]", "fetch=[2]")
                .doesNotContain("EnumerableSort");
        assertThat(db.query(sql)).containsExactly(List.of(2), List.of(3));
        assertThat(db.query("SELECT id FROM emp ORDER BY id DESC FETCH FIRST 1 ROWS ONLY")).containsExactly(List.of(4));
    }

    @Test
    void typesRoundTrip() throws Exception {
        db.execute("CREATE TABLE typed (k BIGINT PRIMARY KEY, b BOOLEAN, s SMALLINT, r REAL, c CHAR(3),"
                + " v VARBINARY(4), t TIME, ts TIMESTAMP)");
        db.execute("INSERT INTO typed VALUES (9000000000, TRUE, 7, 1.5, 'ab', X'0102', TIME '10:11:12',"
                + " TIMESTAMP '2024-02-29 23:59:58.123')");
        assertThat(db.query("SELECT k, b, s, r, c, CAST(t AS VARCHAR(12)) FROM typed WHERE k = 9000000000"))
                .containsExactly(List.of(9000000000L, true, (short) 7, 1.5f, "ab ", "10:11:12"));
        assertThat(db.query("SELECT k FROM typed WHERE ts = TIMESTAMP '2024-02-29 23:59:58.123'")).hasSize(1);
        assertThat(db.query("SELECT v FROM typed")).hasSize(1);
        assertThat(db.query("SELECT k FROM typed WHERE ts > TIMESTAMP '2024-01-01 00:00:00'")).hasSize(1);
    }
}
