package io.synod.sql.session;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The session over real tables: SQL statements planned by Calcite into the KV store. */
class SqlSessionTest {

    private final SessionTestSupport db = new SessionTestSupport();
    private Connection c;
    private Statement s;

    @BeforeEach
    void createTable() throws SQLException {
        c = db.connect();
        s = c.createStatement();
        s.execute("CREATE TABLE accounts (id INT PRIMARY KEY, owner VARCHAR(10) NOT NULL, balance INT DEFAULT 0)");
        s.executeUpdate("INSERT INTO accounts VALUES (1, 'ann', 100), (2, 'bob', 50)");
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
        db.close();
    }

    private static String state(Throwable e) {
        return ((SQLException) e).getSQLState();
    }

    private List<String> owners(Connection conn) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT owner FROM accounts ORDER BY id")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void autocommitStatementsAreVisibleToOtherConnections() throws SQLException {
        try (Connection other = db.connect()) {
            assertThat(owners(other)).containsExactly("ann", "bob");
            s.executeUpdate("INSERT INTO accounts (id, owner) VALUES (3, 'cy')");
            assertThat(owners(other)).containsExactly("ann", "bob", "cy");
        }
    }

    @Test
    void explicitTransactionsCommitOrRollBackAsAWhole() throws SQLException {
        try (Connection other = db.connect()) {
            c.setAutoCommit(false);
            s.executeUpdate("INSERT INTO accounts VALUES (3, 'cy', 1)");
            s.executeUpdate("UPDATE accounts SET balance = balance - 10 WHERE id = 1");
            assertThat(owners(c)).as("own writes visible").containsExactly("ann", "bob", "cy");
            assertThat(owners(other)).as("not yet visible to others").containsExactly("ann", "bob");
            c.rollback();
            assertThat(owners(other)).containsExactly("ann", "bob");
            s.executeUpdate("INSERT INTO accounts VALUES (3, 'cy', 1)");
            c.commit();
            assertThat(owners(other)).containsExactly("ann", "bob", "cy");
        }
    }

    @Test
    void concurrentUpdatesConflictWith40001() throws SQLException {
        try (Connection other = db.connect(); Statement so = other.createStatement()) {
            s.execute("BEGIN");
            so.execute("BEGIN");
            s.executeUpdate("UPDATE accounts SET balance = balance + 1 WHERE id = 1");
            so.executeUpdate("UPDATE accounts SET balance = balance + 2 WHERE id = 1");
            s.execute("COMMIT");
            assertThatThrownBy(() -> so.execute("COMMIT")).extracting(SqlSessionTest::state).isEqualTo("40001");
            try (ResultSet rs = so.executeQuery("SELECT balance FROM accounts WHERE id = 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(101);
            }
        }
    }

    @Test
    void aFailedStatementInATransactionUndoesOnlyItself() throws SQLException {
        s.execute("BEGIN");
        s.executeUpdate("INSERT INTO accounts VALUES (3, 'cy', 1)");
        assertThatThrownBy(() -> s.executeUpdate("INSERT INTO accounts VALUES (4, 'dee', 1), (1, 'dup', 1)"))
                .extracting(SqlSessionTest::state).isEqualTo("23505");
        s.execute("COMMIT");
        assertThat(owners(c)).containsExactly("ann", "bob", "cy");
    }

    @Test
    void constraintAndDataErrors() throws SQLException {
        assertThatThrownBy(() -> s.executeUpdate("INSERT INTO accounts VALUES (1, 'again', 0)"))
                .extracting(SqlSessionTest::state).isEqualTo("23505");
        assertThatThrownBy(() -> s.executeUpdate("INSERT INTO accounts (id) VALUES (9)"))
                .extracting(SqlSessionTest::state).isEqualTo("23502");
        assertThatThrownBy(() -> {
            try (ResultSet rs = s.executeQuery("SELECT balance / 0 FROM accounts")) {
                rs.next();
            }
        }).extracting(SqlSessionTest::state).isEqualTo("22012");
        assertThatThrownBy(() -> s.executeQuery("SELECT * FROM nosuch"))
                .extracting(SqlSessionTest::state).isEqualTo("42S02");
        assertThat(owners(c)).containsExactly("ann", "bob");
    }

    @Test
    void updatingWhileIteratingInAutocommit() throws SQLException {
        try (Statement reader = c.createStatement();
             PreparedStatement update = c.prepareStatement("UPDATE accounts SET balance = ? WHERE id = ?");
             ResultSet rs = reader.executeQuery("SELECT id, balance FROM accounts ORDER BY id")) {
            while (rs.next()) {
                update.setInt(1, rs.getInt(2) * 2);
                update.setInt(2, rs.getInt(1));
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
        }
        try (ResultSet rs = s.executeQuery("SELECT SUM(balance) FROM accounts")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(300);
        }
    }

    @Test
    void preparedBatchesRunEachRow() throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO accounts VALUES (?, ?, ?)")) {
            for (int i = 10; i < 13; i++) {
                insert.setInt(1, i);
                insert.setString(2, "u" + i);
                insert.setInt(3, i);
                insert.addBatch();
            }
            assertThat(insert.executeBatch()).containsExactly(1, 1, 1);
        }
        assertThat(owners(c)).hasSize(5);
    }

    @Test
    void metadataOfAUserTable() throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        try (ResultSet rs = md.getTables(null, "PUBLIC", "ACCOUNTS", new String[] {"TABLE"})) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("TABLE_TYPE")).isEqualTo("TABLE");
        }
        try (ResultSet rs = md.getColumns(null, "PUBLIC", "ACCOUNTS", "%")) {
            List<String> seen = new ArrayList<>();
            while (rs.next()) {
                seen.add(rs.getString("COLUMN_NAME") + " " + rs.getString("TYPE_NAME") + " "
                        + rs.getInt("COLUMN_SIZE") + " " + rs.getString("IS_NULLABLE") + " "
                        + rs.getString("COLUMN_DEF"));
            }
            assertThat(seen).containsExactly("ID INTEGER 10 NO null", "OWNER VARCHAR 10 NO null",
                    "BALANCE INTEGER 10 YES 0");
        }
        try (ResultSet rs = md.getPrimaryKeys(null, "PUBLIC", "ACCOUNTS")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("COLUMN_NAME")).isEqualTo("ID");
        }
    }

    @Test
    void sysTransactionsShowsAnOpenTransaction() throws SQLException {
        try (Connection other = db.connect(); Statement so = other.createStatement()) {
            so.execute("BEGIN");
            so.executeUpdate("UPDATE accounts SET balance = 0 WHERE id = 2");
            long otherId = other.unwrap(SynodConnection.class).id();
            long ownId = c.unwrap(SynodConnection.class).id();
            try (ResultSet rs = s.executeQuery("SELECT connection_id, store_reads, has_writes, read_only"
                    + " FROM sys.transactions ORDER BY connection_id")) {
                List<String> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(rs.getLong(1) + " reads:" + (rs.getLong(2) > 0) + " writes:" + rs.getBoolean(3)
                            + " ro:" + rs.getBoolean(4));
                }
                // This query's own autocommit transaction is in flight too: a read-only one.
                assertThat(rows).contains(otherId + " reads:true writes:true ro:false")
                        .anyMatch(r -> r.startsWith(ownId + " ") && r.endsWith("writes:false ro:true"));
            }
            so.execute("ROLLBACK");
        }
    }
}
