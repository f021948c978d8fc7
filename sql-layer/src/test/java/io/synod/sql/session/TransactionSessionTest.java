package io.synod.sql.session;

import io.synod.sql.kv.ReadConsistency;
import io.synod.sql.txn.Transaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Transaction control through the session: writes are made directly through the session's
 * transaction (what the planner's table modify does), statements through JDBC.
 */
class TransactionSessionTest {

    private static final byte[] KEY = "\u0003test-key".getBytes(StandardCharsets.UTF_8);

    private final SessionTestSupport db = new SessionTestSupport();

    @AfterEach
    void close() {
        db.close();
    }

    private Optional<String> committedValue() {
        Transaction t = new Transaction(db.kv);
        try {
            return t.get(KEY).map(v -> new String(v, StandardCharsets.UTF_8));
        } finally {
            t.rollback();
        }
    }

    private static void put(Connection c, String value) throws SQLException {
        SessionTestSupport.session(c).transaction().put(KEY, value.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<byte[]> read(Connection c) throws SQLException {
        return SessionTestSupport.session(c).transaction().get(KEY);
    }

    @Test
    void commitAndRollbackStatements() throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            assertThat(c.getAutoCommit()).isTrue();
            s.execute("BEGIN");
            put(c, "one");
            s.execute("ROLLBACK");
            assertThat(committedValue()).isEmpty();

            s.execute("START TRANSACTION");
            put(c, "two");
            assertThat(committedValue()).as("not visible before commit").isEmpty();
            s.execute("COMMIT");
            assertThat(committedValue()).contains("two");

            s.execute("COMMIT");
            assertThat((Throwable) s.getWarnings()).isNotNull();
            assertThat(s.getWarnings().getMessage()).contains("no transaction");
        }
    }

    @Test
    void jdbcTransactionsWithAutocommitOff() throws SQLException {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            put(c, "a");
            c.rollback();
            assertThat(committedValue()).isEmpty();
            put(c, "b");
            c.commit();
            assertThat(committedValue()).contains("b");
            put(c, "c");
            c.setAutoCommit(true);
            assertThat(committedValue()).as("switching autocommit on commits").contains("c");
            assertThatThrownBy(c::commit).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("25P01");
        }
    }

    @Test
    void concurrentUpdateConflictsWith40001AndTheLoserMustEndItsTransaction() throws SQLException {
        try (Connection a = db.connect(); Connection b = db.connect();
             Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
            sa.execute("BEGIN");
            sb.execute("BEGIN");
            assertThat(read(a)).isEmpty();
            assertThat(read(b)).isEmpty();
            put(a, "from-a");
            put(b, "from-b");
            sa.execute("COMMIT");
            assertThatThrownBy(() -> sb.execute("COMMIT"))
                    .isInstanceOf(java.sql.SQLTransactionRollbackException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("40001");
            assertThat(committedValue()).contains("from-a");
            // The failed commit ended b's transaction; b starts afresh and sees a's write.
            assertThat(read(b)).map(v -> new String(v, StandardCharsets.UTF_8)).contains("from-a");
            sb.execute("ROLLBACK");
        }
    }

    @Test
    void aFailedStatementUndoesOnlyItself() throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            put(c, "kept");
            SynodSession session = SessionTestSupport.session(c);
            SynodSession.StatementScope scope = session.beginStatement(false);
            session.transaction().put(KEY, "undone".getBytes(StandardCharsets.UTF_8));
            session.statementFailed(scope);
            assertThatThrownBy(() -> s.executeQuery("select 1/0")).extracting(e -> ((SQLException) e).getSQLState())
                    .isEqualTo("22012");
            c.commit();
            assertThat(committedValue()).contains("kept");
        }
    }

    @Test
    void readOnlyConnectionsRefuseWrites() throws SQLException {
        try (Connection c = db.connect()) {
            c.setReadOnly(true);
            assertThat(c.isReadOnly()).isTrue();
            SynodSession session = SessionTestSupport.session(c);
            SynodSession.StatementScope scope = session.beginStatement(false);
            session.transaction().put(KEY, new byte[] {1});
            assertThatThrownBy(() -> session.statementSucceeded(scope, false))
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("25006");
            assertThat(committedValue()).isEmpty();
        }
    }

    @Test
    void isolationIsSerializableAndWeakerLevelsAreUpgradedWithAWarning() throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
            assertThat(c.getWarnings().getMessage()).contains("upgraded to SERIALIZABLE");
            s.execute("START TRANSACTION ISOLATION LEVEL READ COMMITTED");
            assertThat(s.getWarnings().getMessage()).contains("READ COMMITTED").contains("SERIALIZABLE");
            s.execute("ROLLBACK");
        }
    }

    @Test
    void consistencySettings() throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            assertThat(show(s)).isEqualTo("linearizable");
            s.execute("SET CONSISTENCY = 'stale'");
            s.execute("SET MAX_STALENESS_MS = 1500");
            assertThat(show(s)).isEqualTo("stale");
            SynodSession session = SessionTestSupport.session(c);
            c.setAutoCommit(false);
            assertThat(session.readConsistency()).as("a read-write transaction reads linearizably")
                    .isEqualTo(ReadConsistency.LINEARIZABLE);
            s.execute("SET TRANSACTION READ ONLY");
            assertThat(session.readConsistency())
                    .isEqualTo(ReadConsistency.boundedStaleness(java.time.Duration.ofMillis(1500)));
            assertThatThrownBy(() -> s.execute("SET CONSISTENCY = 'sometimes'"))
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22023");
        }
        try (Connection c = db.connect(SessionOptions.CONSISTENCY, "stale"); Statement s = c.createStatement()) {
            assertThat(show(s)).isEqualTo("stale");
            c.setReadOnly(true);
            assertThat(SessionTestSupport.session(c).readConsistency().level())
                    .isEqualTo(ReadConsistency.Level.BOUNDED_STALENESS);
        }
        assertThatThrownBy(() -> db.connect(SessionOptions.MAX_STALENESS_MS, "-3"))
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22023");
    }

    private static String show(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW CONSISTENCY")) {
            assertThat(rs.next()).isTrue();
            return rs.getString("CONSISTENCY");
        }
    }

    @Test
    void queryTimeoutStopsAStreamingQueryWith57014() throws SQLException {
        String ten = "(values 1,2,3,4,5,6,7,8,9,10)";
        StringBuilder sql = new StringBuilder("select * from " + ten + " a");
        for (char t = 'b'; t <= 'i'; t++) {
            sql.append(", ").append(ten).append(' ').append(t);
        }
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.setQueryTimeout(1);
            long start = System.nanoTime();
            assertThatThrownBy(() -> {
                try (ResultSet rs = s.executeQuery(sql.toString())) {
                    while (rs.next() && System.nanoTime() - start < 30_000_000_000L) {
                        rs.getInt(1);
                    }
                }
            }).isInstanceOf(SQLTimeoutException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("57014");
            assertThat(c.isValid(5)).isTrue();
        }
    }
}
