package io.synod.sql.gateway;

import io.synod.jdbc.SynodConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two real gateways on loopback ports; one is killed under an open connection. Between
 * transactions the connection moves on transparently with its settings and statements; a
 * transaction under way fails with 40003 until rolled back.
 */
class GatewayFailoverTest {

    private TestGateways gateways;

    @BeforeEach
    void start() {
        gateways = new TestGateways(2);
    }

    @AfterEach
    void stop() throws InterruptedException {
        gateways.close();
    }

    @Test
    void betweenTransactionsTheConnectionMovesWithItsStatementsAndSettings() throws Exception {
        try (Connection c = DriverManager.getConnection(gateways.url());
             PreparedStatement plusOne = c.prepareStatement("SELECT ? + 1 FROM (VALUES 0)");
             Statement plain = c.createStatement()) {
            SynodConnection synod = c.unwrap(SynodConnection.class);
            c.setReadOnly(true);
            assertThat(value(plusOne, 1)).isEqualTo(2);
            int first = gateways.indexOf(synod.currentGateway());

            gateways.kill(first);

            // The prepared and the plain statement both work on the other gateway, under their old handles.
            assertThat(value(plusOne, 41)).isEqualTo(42);
            try (ResultSet rs = plain.executeQuery("VALUES 7")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(7);
            }
            assertThat(gateways.indexOf(synod.currentGateway())).isEqualTo(1 - first);
            assertThat(c.isReadOnly()).isTrue();
            assertThat(gateways.gateway(1 - first).openConnections()).isEqualTo(1);
        }
    }

    @Test
    void aTransactionCutOffByFailoverFailsUntilRolledBack() throws Exception {
        try (Connection c = DriverManager.getConnection(gateways.url());
             Statement s = c.createStatement()) {
            SynodConnection synod = c.unwrap(SynodConnection.class);
            c.setAutoCommit(false);
            // Between transactions (nothing run since the last commit) failover stays invisible.
            c.commit();
            int first = gateways.indexOf(synod.currentGateway());
            gateways.kill(first);
            assertThat(count(s)).isEqualTo(1);
            gateways.start(first);

            // Now a transaction is under way: cutting it off must not be hidden.
            int second = gateways.indexOf(synod.currentGateway());
            gateways.kill(second);
            assertThatThrownBy(() -> count(s))
                    .isInstanceOf(SQLTransactionRollbackException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("40003"))
                    .hasMessageContaining("transaction was rolled back")
                    .hasMessageContaining(gateways.address(second));
            // Neither further statements nor a commit may continue it.
            assertThatThrownBy(() -> count(s)).satisfies(e -> assertThat(((SQLException) e).getSQLState())
                    .isEqualTo("40003"));
            assertThatThrownBy(c::commit).satisfies(e -> assertThat(((SQLException) e).getSQLState())
                    .isEqualTo("40003"));

            c.rollback();
            assertThat(count(s)).isEqualTo(1);
            c.commit();
            assertThat(c.getAutoCommit()).isFalse();
            assertThat(gateways.indexOf(synod.currentGateway())).isEqualTo(first);
        }
    }

    @Test
    void aGatewayThatForgotTheConnectionGetsItBack() throws Exception {
        gateways.close();
        gateways = new TestGateways(1, TestGateways.CALCITE,
                id -> GatewayConfig.defaults(id).withIdleTimeouts(Duration.ofMillis(300), Duration.ofMillis(300)));
        try (Connection c = DriverManager.getConnection(gateways.url());
             PreparedStatement plusOne = c.prepareStatement("SELECT ? + 1 FROM (VALUES 0)")) {
            assertThat(value(plusOne, 1)).isEqualTo(2);
            Thread.sleep(600);
            // Both the connection and the statement expired on the gateway; the driver re-creates them.
            assertThat(value(plusOne, 2)).isEqualTo(3);
        }
    }

    private static int value(PreparedStatement statement, int parameter) throws SQLException {
        statement.setInt(1, parameter);
        try (ResultSet rs = statement.executeQuery()) {
            assertThat(rs.next()).isTrue();
            return rs.getInt(1);
        }
    }

    private static long count(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM (VALUES 1)")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
