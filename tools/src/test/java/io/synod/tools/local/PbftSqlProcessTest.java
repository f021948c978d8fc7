package io.synod.tools.local;

import io.synod.tools.shell.JdbcUrls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SQL through JDBC, unchanged, on four PBFT node processes (f = 1): DDL, DML, queries and
 * explicit transactions through {@code jdbc:synod://...} on one node, the result read back
 * through another.
 */
class PbftSqlProcessTest {

    private static final int NODES = 4;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void ddlDmlQueriesAndTransactionsWorkOnAPbftCluster() throws Exception {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            ports.add(LocalCluster.freePort());
        }
        try (LocalCluster cluster = new LocalCluster(dir, ports, List.of("--consensus", "pbft"), (spec, p) -> { })) {
            cluster.startAll();
            cluster.awaitServing(Duration.ofSeconds(120));
            List<String> addresses = cluster.addresses();
            try (Connection sql = DriverManager.getConnection(JdbcUrls.forAddresses(List.of(addresses.get(1))));
                 Statement st = sql.createStatement()) {
                st.execute("CREATE TABLE accounts (id INT PRIMARY KEY, owner VARCHAR(20) NOT NULL, balance BIGINT)");
                try (PreparedStatement insert = sql.prepareStatement("INSERT INTO accounts VALUES (?, ?, ?)")) {
                    for (int i = 1; i <= 5; i++) {
                        insert.setInt(1, i);
                        insert.setString(2, "owner" + i);
                        insert.setLong(3, 100L * i);
                        assertThat(insert.executeUpdate()).isEqualTo(1);
                    }
                }
                assertThat(st.executeUpdate("UPDATE accounts SET balance = balance + 1 WHERE id >= 4")).isEqualTo(2);
                assertThat(st.executeUpdate("DELETE FROM accounts WHERE id = 5")).isEqualTo(1);
                assertThatThrownBy(() -> st.executeUpdate("INSERT INTO accounts VALUES (1, 'again', 0)"))
                        .isInstanceOf(SQLException.class).extracting(e -> ((SQLException) e).getSQLState())
                        .isEqualTo("23505");

                sql.setAutoCommit(false);
                st.executeUpdate("UPDATE accounts SET balance = balance - 50 WHERE id = 1");
                st.executeUpdate("UPDATE accounts SET balance = balance + 50 WHERE id = 2");
                sql.commit();
                st.executeUpdate("DELETE FROM accounts");
                sql.rollback();
                sql.setAutoCommit(true);

                assertThat(balances(sql)).containsExactly("1 owner1 50", "2 owner2 250", "3 owner3 300",
                        "4 owner4 401");
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*), SUM(balance) FROM accounts WHERE balance > 100")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(1)).isEqualTo(3);
                    assertThat(rs.getLong(2)).isEqualTo(951);
                }
            }
            try (Connection other = DriverManager.getConnection(JdbcUrls.forAddresses(List.of(addresses.get(3))))) {
                assertThat(balances(other)).containsExactly("1 owner1 50", "2 owner2 250", "3 owner3 300",
                        "4 owner4 401");
            }
            assertThat(Files.readString(dir.resolve("node2.log")))
                    .as("the gateway checks certificates").contains("signed replies vouching for it");
        }
    }

    private static List<String> balances(Connection sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement st = sql.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, owner, balance FROM accounts ORDER BY id")) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + " " + rs.getString(2) + " " + rs.getLong(3));
            }
        }
        return rows;
    }
}
