package io.synod.sql.calcite;

import io.synod.sql.SqlEngine;
import io.synod.sql.kv.MemorySqlKv;
import io.synod.sql.sys.InMemoryClusterInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CREATE TABLE ... AS query: columns and types from the query, its rows, all or nothing. */
class CreateTableAsTest {

    private MemorySqlKv kv;
    private SqlEngine engine;
    private Connection c;
    private Statement s;

    @BeforeEach
    void open() throws SQLException {
        kv = new MemorySqlKv();
        engine = SqlEngine.create(kv, InMemoryClusterInfo.singleNode("127.0.0.1:7000"));
        c = engine.connect(new Properties());
        s = c.createStatement();
        s.execute("CREATE TABLE src (id INTEGER PRIMARY KEY, name VARCHAR(12) NOT NULL, price DECIMAL(8,2),"
                + " born DATE)");
        s.execute("INSERT INTO src VALUES (1, 'ann', 1.50, DATE '2000-01-02'), (2, 'bob', NULL, NULL),"
                + " (3, 'cy', 7.25, DATE '1999-12-31')");
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
        engine.close();
        kv.close();
    }

    @Test
    void copiesTheQuerysColumnsTypesAndRows() throws SQLException {
        s.execute("CREATE TABLE copy AS SELECT id, UPPER(name) AS uname, price * 2 AS doubled, born FROM src WHERE id < 3");
        assertThat(rows("SELECT id, uname, doubled, born FROM copy ORDER BY id"))
                .containsExactly("1|ANN|3.00|2000-01-02", "2|BOB|null|null");
        try (ResultSet rs = s.executeQuery("SELECT * FROM copy")) {
            ResultSetMetaData md = rs.getMetaData();
            assertThat(md.getColumnCount()).isEqualTo(4);
            assertThat(md.getColumnTypeName(1)).isEqualTo("INTEGER");
            assertThat(md.getColumnTypeName(3)).isEqualTo("DECIMAL");
            assertThat(md.getScale(3)).isEqualTo(2);
            assertThat(md.getColumnTypeName(4)).isEqualTo("DATE");
        }
        // An independent table: later changes to the source do not show.
        s.execute("DELETE FROM src");
        assertThat(rows("SELECT COUNT(*) FROM copy")).containsExactly("2");
        s.execute("INSERT INTO copy VALUES (9, NULL, NULL, NULL)");
        assertThat(rows("SELECT COUNT(*) FROM copy")).containsExactly("3");
    }

    @Test
    void columnNamesCanBeGivenAndIfNotExistsSkips() throws SQLException {
        s.execute("CREATE TABLE named (a, b) AS SELECT id, name FROM src");
        assertThat(rows("SELECT a, b FROM named ORDER BY a")).containsExactly("1|ann", "2|bob", "3|cy");
        s.execute("CREATE TABLE IF NOT EXISTS named AS SELECT 1 AS x FROM src");
        assertState("CREATE TABLE typeless (a, b)", "42601");
        assertThat(rows("SELECT COUNT(*) FROM named")).containsExactly("3");
    }

    @Test
    void badDefinitionsFailClearlyAndLeaveNothing() throws SQLException {
        assertState("CREATE TABLE bad1 (a, b, c) AS SELECT id, name FROM src", "42601");
        assertState("CREATE TABLE bad2 AS SELECT id, id FROM src", "42701");
        assertState("CREATE TABLE bad3 AS SELECT NULL AS n FROM src", "42P16");
        assertState("CREATE TABLE bad4 AS SELECT nope FROM src", "42703");
        assertState("CREATE TABLE src AS SELECT 1 AS x FROM src", "42P07");
        assertState("CREATE TABLE bad5 AS SELECT 1 / (id - 2) AS x FROM src", "22012");
        for (String table : List.of("BAD1", "BAD2", "BAD3", "BAD4", "BAD5")) {
            try (ResultSet rs = c.getMetaData().getTables(null, "PUBLIC", table, null)) {
                assertThat(rs.next()).as("table %s left behind", table).isFalse();
            }
        }
    }

    @Test
    void insideAnExplicitTransactionItRollsBackWithIt() throws SQLException {
        c.setAutoCommit(false);
        s.execute("CREATE TABLE txn_copy AS SELECT id FROM src");
        assertThat(rows("SELECT COUNT(*) FROM txn_copy")).containsExactly("3");
        c.rollback();
        c.setAutoCommit(true);
        assertThatThrownBy(() -> s.executeQuery("SELECT * FROM txn_copy"))
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).startsWith("42"));
    }

    private void assertState(String sql, String state) {
        assertThatThrownBy(() -> s.execute(sql))
                .as(sql)
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as(sql + ": " + e.getMessage()).isEqualTo(state));
    }

    private List<String> rows(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    row.append(i == 1 ? "" : "|").append(rs.getString(i));
                }
                out.add(row.toString());
            }
        }
        return out;
    }
}
