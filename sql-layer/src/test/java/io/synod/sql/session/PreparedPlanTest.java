package io.synod.sql.session;

import io.synod.sql.SqlEngine;
import io.synod.sql.kv.CommitOutcome;
import io.synod.sql.kv.MemorySqlKv;
import io.synod.sql.kv.Mutation;
import io.synod.sql.kv.RangeCondition;
import io.synod.sql.kv.ReadConsistency;
import io.synod.sql.kv.ScanPage;
import io.synod.sql.kv.SqlKv;
import io.synod.sql.sys.InMemoryClusterInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Prepared statements keep their plan while the catalog stays, and follow DDL of other connections. */
class PreparedPlanTest {

    /**
     * The store, counting the test thread's scans (the catalog version comes with a transaction's
     * first one) and commits; the engine's background purger reads it too.
     */
    private static final class CountingStore implements SqlKv {
        final MemorySqlKv store = new MemorySqlKv();
        final Thread testThread = Thread.currentThread();
        final AtomicInteger scans = new AtomicInteger();
        final AtomicInteger commits = new AtomicInteger();

        @Override
        public ScanPage scan(byte[] start, byte[] end, int limit, boolean reverse, ReadConsistency consistency,
                             byte[] guard) {
            if (Thread.currentThread() == testThread) {
                scans.incrementAndGet();
            }
            return store.scan(start, end, limit, reverse, consistency, guard);
        }

        @Override
        public CommitOutcome commit(List<RangeCondition> conditions, List<Mutation> mutations) {
            if (Thread.currentThread() == testThread) {
                commits.incrementAndGet();
            }
            return store.commit(conditions, mutations);
        }

        @Override
        public void close() {
            store.close();
        }
    }

    private final CountingStore kv = new CountingStore();
    private final SqlEngine engine = SqlEngine.create(kv, InMemoryClusterInfo.singleNode("127.0.0.1:7000"));
    private Connection app;
    private Connection admin;
    private Statement ddl;

    @BeforeEach
    void createTable() throws SQLException {
        app = engine.connect(new Properties());
        admin = engine.connect(new Properties());
        ddl = admin.createStatement();
        ddl.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))");
        ddl.executeUpdate("INSERT INTO t VALUES (1, 'old')");
    }

    @AfterEach
    void close() {
        engine.close();
        kv.close();
    }

    private static String state(Throwable e) {
        return ((SQLException) e).getSQLState();
    }

    private void recreateWithAnotherLayout() throws SQLException {
        ddl.execute("DROP TABLE t");
        ddl.execute("CREATE TABLE t (id INT PRIMARY KEY, n INT, v VARCHAR(10))");
        ddl.executeUpdate("INSERT INTO t VALUES (1, 7, 'new')");
    }

    @Test
    void aPointSelectReusesItsPlanWithOneStoreReadPerRun() throws SQLException {
        try (PreparedStatement select = app.prepareStatement("SELECT v FROM t WHERE id = ?")) {
            select.setInt(1, 1);
            int before = kv.scans.get();
            for (int i = 0; i < 10; i++) {
                // The gateway describes every executed query (statement and result set metadata).
                assertThat(select.getMetaData().getPrecision(1)).isEqualTo(10);
                try (ResultSet rs = select.executeQuery()) {
                    assertThat(rs.getMetaData().getPrecision(1)).isEqualTo(10);
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("old");
                }
            }
            assertThat(kv.scans.get() - before).isEqualTo(10);
        }
    }

    @Test
    void resultMetadataFollowsAColumnLengthChangedByAnotherConnection() throws SQLException {
        try (PreparedStatement select = app.prepareStatement("SELECT v FROM t WHERE id = ?")) {
            select.setInt(1, 1);
            try (ResultSet rs = select.executeQuery()) {
                assertThat(rs.getMetaData().getPrecision(1)).isEqualTo(10);
            }
            ddl.execute("DROP TABLE t");
            ddl.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(30))");
            ddl.executeUpdate("INSERT INTO t VALUES (1, 'wider')");

            try (ResultSet rs = select.executeQuery()) {
                assertThat(rs.getMetaData().getPrecision(1)).isEqualTo(30);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("wider");
            }
            assertThat(select.getMetaData().getPrecision(1)).isEqualTo(30);
        }
    }

    @Test
    void aPreparedQueryFollowsATableRecreatedByAnotherConnection() throws SQLException {
        try (PreparedStatement select = app.prepareStatement("SELECT * FROM t WHERE id = ?")) {
            select.setInt(1, 1);
            try (ResultSet rs = select.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(2)).isEqualTo("old");
            }
            recreateWithAnotherLayout();

            try (ResultSet rs = select.executeQuery()) {
                assertThat(rs.getMetaData().getColumnCount()).isEqualTo(3);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(2)).isEqualTo(7);
                assertThat(rs.getString(3)).isEqualTo("new");
            }
            ddl.execute("DROP TABLE t");
            assertThatThrownBy(select::executeQuery).extracting(PreparedPlanTest::state)
                    .satisfies(s -> assertThat((String) s).startsWith("42"));
        }
    }

    @Test
    void aPreparedInsertWritesIntoTheTableAsItIsNow() throws SQLException {
        try (PreparedStatement insert = app.prepareStatement("INSERT INTO t (id, v) VALUES (?, ?)")) {
            insert.setInt(1, 2);
            insert.setString(2, "two");
            assertThat(insert.executeUpdate()).isEqualTo(1);
            recreateWithAnotherLayout();

            insert.setInt(1, 3);
            assertThat(insert.executeUpdate()).isEqualTo(1);
            try (ResultSet rs = ddl.executeQuery("SELECT id, n, v FROM t ORDER BY id")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(3);
                assertThat(rs.getObject(2)).isNull();
                assertThat(rs.getString(3)).isEqualTo("two");
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void inATransactionDdlSinceThePlanIsASerializationFailureAndTheRetryReplans() throws SQLException {
        try (PreparedStatement select = app.prepareStatement("SELECT v FROM t WHERE id = ?")) {
            select.setInt(1, 1);
            app.setAutoCommit(false);
            recreateWithAnotherLayout();

            assertThatThrownBy(select::executeQuery).extracting(PreparedPlanTest::state).isEqualTo("40001");
            app.rollback();
            try (ResultSet rs = select.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("new");
            }
            app.commit();
        }
    }

    @Test
    void aPreparedInsertInAutocommitIsOneConditionalCommitWithoutReads() throws SQLException {
        try (PreparedStatement insert = app.prepareStatement("INSERT INTO t (id, v) VALUES (?, ?)")) {
            int scans = kv.scans.get();
            int commits = kv.commits.get();
            for (int id = 2; id < 12; id++) {
                insert.setInt(1, id);
                insert.setString(2, "v" + id);
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
            assertThat(kv.scans.get() - scans).isZero();
            assertThat(kv.commits.get() - commits).isEqualTo(10);
        }
        try (ResultSet rs = ddl.executeQuery("SELECT COUNT(*) FROM t")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(11);
        }
    }

    @Test
    void aDuplicateKeyFoundByTheAutocommitInsertsCommitFailsTheStatementWith23505() throws SQLException {
        ddl.execute("CREATE TABLE u (id INT PRIMARY KEY, email VARCHAR(20) UNIQUE, n INT)");
        ddl.executeUpdate("INSERT INTO u VALUES (1, 'a@x', 0)");
        try (PreparedStatement insert = app.prepareStatement("INSERT INTO u VALUES (?, ?, ?)")) {
            insert.setInt(1, 1);
            insert.setString(2, "b@x");
            insert.setInt(3, 1);
            assertThatThrownBy(insert::executeUpdate).extracting(PreparedPlanTest::state).isEqualTo("23505");
            insert.setInt(1, 2);
            insert.setString(2, "a@x");
            assertThatThrownBy(insert::executeUpdate).isInstanceOf(SQLException.class)
                    .hasMessageContaining("unique index").extracting(PreparedPlanTest::state).isEqualTo("23505");
            insert.setString(2, "c@x");
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
        try (ResultSet rs = ddl.executeQuery("SELECT id, email, n FROM u ORDER BY id")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(2)).isEqualTo("a@x");
            assertThat(rs.getInt(3)).isZero();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(2)).isEqualTo("c@x");
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void inATransactionADuplicateKeyFailsTheInsertStatementItself() throws SQLException {
        app.setAutoCommit(false);
        try (PreparedStatement insert = app.prepareStatement("INSERT INTO t (id, v) VALUES (?, ?)")) {
            insert.setInt(1, 1);
            insert.setString(2, "dup");
            assertThatThrownBy(insert::executeUpdate).extracting(PreparedPlanTest::state).isEqualTo("23505");
            insert.setInt(1, 2);
            assertThat(insert.executeUpdate()).isEqualTo(1);
            app.commit();
        }
        try (ResultSet rs = ddl.executeQuery("SELECT v FROM t WHERE id = 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("old");
        }
    }
}
