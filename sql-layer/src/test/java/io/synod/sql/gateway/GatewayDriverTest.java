package io.synod.sql.gateway;

import io.synod.jdbc.SynodConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The driver against one gateway over gRPC on a loopback port (server-side connections: plain Calcite). */
class GatewayDriverTest {

    private TestGateways gateways;

    @BeforeEach
    void start() {
        gateways = new TestGateways(1, TestGateways.CALCITE, id -> GatewayConfig.defaults(id).withMaxConnections(3));
    }

    @AfterEach
    void stop() throws InterruptedException {
        gateways.close();
    }

    @Test
    void driverReportsItselfAndTheServerProduct() throws SQLException {
        try (Connection c = DriverManager.getConnection(gateways.url())) {
            DatabaseMetaData meta = c.getMetaData();
            assertThat(meta.getDriverName()).isEqualTo("Synod JDBC Driver");
            assertThat(meta.getDriverVersion()).isNotBlank().doesNotContain("unknown");
            assertThat(meta.getDatabaseProductName()).isEqualTo("Synod");
            assertThat(meta.getURL()).isEqualTo(gateways.url());
            assertThat(c).isInstanceOf(SynodConnection.class);
        }
    }

    @Test
    void statementsPreparedStatementsAndBatches() throws SQLException {
        try (Connection c = DriverManager.getConnection(gateways.url());
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT, name VARCHAR(20))");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                for (int i = 0; i < 5; i++) {
                    insert.setInt(1, i);
                    insert.setString(2, "n" + i);
                    insert.addBatch();
                }
                assertThat(insert.executeBatch()).containsExactly(1, 1, 1, 1, 1);
            }
            try (PreparedStatement query = c.prepareStatement("SELECT name FROM t WHERE id = ?")) {
                query.setInt(1, 3);
                try (ResultSet rs = query.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("n3");
                    assertThat(rs.next()).isFalse();
                }
            }
            assertThat(s.executeUpdate("INSERT INTO t VALUES (10, 'x')")).isEqualTo(1);
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(6);
            }
        }
    }

    @Test
    void largeResultsArriveInFramesOfTheFetchSize() throws SQLException {
        int rows = 2_000;
        try (Connection c = DriverManager.getConnection(gateways.url());
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE big (id INT)");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO big VALUES (?)")) {
                for (int i = 0; i < rows; i++) {
                    insert.setInt(1, i);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            int before = gateways.calls.get(0).get();
            s.setFetchSize(100);
            long sum = 0;
            int count = 0;
            try (ResultSet rs = s.executeQuery("SELECT id FROM big")) {
                while (rs.next()) {
                    sum += rs.getInt(1);
                    count++;
                }
            }
            assertThat(count).isEqualTo(rows);
            assertThat(sum).isEqualTo((long) rows * (rows - 1) / 2);
            // One execute, then a fetch per further frame of at most 100 rows.
            assertThat(gateways.calls.get(0).get() - before).isGreaterThanOrEqualTo(rows / 100);
        }
    }

    @Test
    void serverErrorsKeepTheirMessageOnOneLine() throws SQLException {
        try (Connection c = DriverManager.getConnection(gateways.url());
             Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELECT * FROM nope"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> {
                        SQLException sql = (SQLException) e;
                        assertThat(sql.getSQLState()).isEqualTo("HY000");
                        // Exactly the first line of Calcite's own message: no Avatica decoration.
                        assertThat(sql.getMessage()).isEqualTo("Error while executing SQL \"SELECT * FROM nope\": "
                                + "From line 1, column 15 to line 1, column 18: Object 'NOPE' not found");
                    });
            // The connection is still usable.
            try (ResultSet rs = s.executeQuery("VALUES 1")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    @Test
    void connectionLimitIsAClearError() throws SQLException {
        Connection[] open = new Connection[3];
        try {
            for (int i = 0; i < open.length; i++) {
                open[i] = DriverManager.getConnection(gateways.url());
            }
            assertThatThrownBy(() -> DriverManager.getConnection(gateways.url()))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08004"))
                    .hasMessageContaining("limit of 3 open connections");
            open[0].close();
            open[0] = DriverManager.getConnection(gateways.url());
            assertThat(gateways.gateway(0).openConnections()).isEqualTo(3);
        } finally {
            for (Connection c : open) {
                if (c != null) {
                    c.close();
                }
            }
        }
        assertThat(gateways.gateway(0).openConnections()).isZero();
    }

    @Test
    void badUrlsAreRefusedWithAReason() {
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:synod://nohost/"))
                .isInstanceOf(SQLException.class).hasMessageContaining("HOST:PORT");
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:synod:file:"))
                .isInstanceOf(SQLException.class).hasMessageContaining("needs a directory");
        assertThatThrownBy(() -> DriverManager.getConnection(gateways.url() + "?failover_timeout_ms=soon"))
                .isInstanceOf(SQLException.class).hasMessageContaining("failover_timeout_ms");
    }

    @Test
    void unreachableClusterFailsWith08006() {
        Properties info = new Properties();
        info.setProperty("failover_timeout_ms", "300");
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:synod://127.0.0.1:1/", info))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08006"))
                .hasMessageContaining("127.0.0.1:1");
    }
}
