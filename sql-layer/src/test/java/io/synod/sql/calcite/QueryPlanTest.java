package io.synod.sql.calcite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** EXPLAIN names the access path each predicate gets, and the pushed plans return the right rows. */
class QueryPlanTest {

    private SqlHarness db;

    @BeforeEach
    void setUp() throws Exception {
        db = SqlHarness.memory();
        db.executeAll(
                "CREATE TABLE orders (region VARCHAR(10), id INT, customer VARCHAR(20) NOT NULL, total DECIMAL(10, 2),"
                        + " PRIMARY KEY (region, id))",
                "CREATE INDEX orders_customer ON orders (customer)",
                "INSERT INTO orders VALUES ('eu', 1, 'ann', 10.50), ('eu', 2, 'bob', 20), ('eu', 3, 'ann', 5),"
                        + " ('us', 1, 'cid', 7.25), ('us', 2, 'ann', 99.99)");
    }

    @AfterEach
    void tearDown() throws Exception {
        db.close();
    }

    /** A statement timeout or cancel must stop planning too, not only reading rows. */
    @Test
    void plannerStopsOnceTheStatementIsCancelled() throws Exception {
        String sql = "SELECT customer FROM orders WHERE region = 'eu' AND id = 2";
        db.session().statementCancelled().set(true);
        assertThatThrownBy(() -> db.query(sql)).isInstanceOf(SQLException.class)
                .hasStackTraceContaining("RelOptPlanner");
        db.session().statementCancelled().set(false);
        assertThat(db.query(sql)).containsExactly(List.of("bob"));
    }

    @Test
    void wholePrimaryKeyIsAPointGet() throws Exception {
        String sql = "SELECT customer FROM orders WHERE region = 'eu' AND id = 2";
        assertThat(db.explain(sql)).contains("access=[pk-point]", "keys=[REGION = 'eu', ID = 2]");
        assertThat(db.query(sql)).containsExactly(List.of("bob"));
    }

    @Test
    void keyPrefixAndRangeIsARangeScan() throws Exception {
        String sql = "SELECT id FROM orders WHERE region = 'eu' AND id >= 2";
        assertThat(db.explain(sql)).contains("access=[pk-range]", "keys=[REGION = 'eu', ID >= 2]");
        assertThat(db.query(sql)).containsExactly(List.of(2), List.of(3));
    }

    @Test
    void secondaryIndexEqualityLooksUpRows() throws Exception {
        String sql = "SELECT region, id FROM orders WHERE customer = 'ann'";
        assertThat(db.explain(sql)).contains("access=[index-range(ORDERS_CUSTOMER)]", "keys=[CUSTOMER = 'ann']");
        assertThat(db.query(sql)).containsExactlyInAnyOrder(List.of("eu", 1), List.of("eu", 3), List.of("us", 2));
    }

    @Test
    void otherPredicatesScanEverything() throws Exception {
        String sql = "SELECT id FROM orders WHERE total > 50";
        assertThat(db.explain(sql)).contains("access=[full-scan]").contains("EnumerableCalc");
        assertThat(db.query(sql)).containsExactly(List.of(2));
    }

    @Test
    void reverseOrderAndLimitArePushed() throws Exception {
        String sql = "SELECT id FROM orders WHERE region = 'eu' ORDER BY id DESC LIMIT 2";
        assertThat(db.explain(sql)).contains("access=[pk-range]", "order=[reverse]", "fetch=[2]")
                .doesNotContain("EnumerableSort").doesNotContain("EnumerableLimit");
        assertThat(db.query(sql)).containsExactly(List.of(3), List.of(2));
    }

    @Test
    void parametersArePushedAndBoundAtExecution() throws Exception {
        String sql = "SELECT customer FROM orders WHERE region = ? AND id = ?";
        assertThat(db.explain("SELECT customer FROM orders WHERE region = 'x' AND id = 1")).contains("pk-point");
        assertThat(db.query(sql, "us", 1)).containsExactly(List.of("cid"));
        assertThat(db.query(sql, "us", 9)).isEmpty();
    }
}
