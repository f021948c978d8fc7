package io.synod.sql.session;

import io.synod.sql.catalog.CatalogStore;
import io.synod.sql.catalog.ColumnSpec;
import io.synod.sql.sys.GroupInfo;
import io.synod.sql.sys.LogEntryInfo;
import io.synod.sql.sys.NodeInfo;
import io.synod.sql.sys.NodeStats;
import io.synod.sql.sys.ReplicaInfo;
import io.synod.sql.txn.Sequences;
import io.synod.sql.txn.Transaction;
import io.synod.sql.types.SqlType;
import io.synod.sql.types.SqlTypeDescriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** DatabaseMetaData walked the way DBeaver does on connect and on opening a table, and the sys tables. */
class MetadataAndSysTest {

    private final SessionTestSupport db = new SessionTestSupport();

    @AfterEach
    void close() {
        db.close();
    }

    private void createOrdersTable() {
        CatalogStore store = new CatalogStore(new Sequences(db.kv));
        Transaction tx = new Transaction(db.kv);
        store.createTable(tx, "PUBLIC", "ORDERS", List.of(
                new ColumnSpec("ID", SqlTypeDescriptor.of(SqlType.BIGINT), false, null),
                new ColumnSpec("CUSTOMER", SqlTypeDescriptor.of(SqlType.VARCHAR, 40), false, null),
                new ColumnSpec("TOTAL", SqlTypeDescriptor.decimal(10, 2), true, "0")), List.of("ID"));
        store.createIndex(tx, "PUBLIC", "ORDERS", "ORDERS_BY_CUSTOMER", List.of("CUSTOMER"), false);
        tx.commit();
    }

    private static List<String> column(ResultSet rs, String label) throws SQLException {
        List<String> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                out.add(rs.getString(label));
            }
        }
        return out;
    }

    @Test
    void connectWalk() throws SQLException {
        try (Connection c = db.connect()) {
            DatabaseMetaData md = c.getMetaData();
            assertThat(md.getDatabaseProductName()).isEqualTo("Synod");
            assertThat(md.getDatabaseProductVersion()).isNotBlank();
            assertThat(md.getDriverName()).isEqualTo("Synod JDBC Driver");
            assertThat(md.getIdentifierQuoteString()).isEqualTo("\"");
            assertThat(md.storesUpperCaseIdentifiers()).isTrue();
            assertThat(md.supportsTransactions()).isTrue();
            assertThat(md.supportsTransactionIsolationLevel(Connection.TRANSACTION_SERIALIZABLE)).isTrue();
            assertThat(md.getDefaultTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
            assertThat(md.getSQLKeywords()).contains("UPSERT");
            assertThat(md.getConnection()).isSameAs(c);
            assertThat(column(md.getTableTypes(), "TABLE_TYPE")).containsExactly("SYSTEM TABLE", "TABLE", "VIEW");
            assertThat(column(md.getCatalogs(), "TABLE_CAT")).isEmpty();
            assertThat(column(md.getSchemas(), "TABLE_SCHEM")).contains("SYS");
            assertThat(column(md.getTypeInfo(), "TYPE_NAME"))
                    .contains("BOOLEAN", "INTEGER", "BIGINT", "DECIMAL", "VARCHAR", "TIMESTAMP");
            assertThat(column(md.getClientInfoProperties(), "NAME")).isEmpty();
            assertThat(column(md.getFunctions(null, null, "%"), "FUNCTION_NAME")).isNotNull();
            assertThat(column(md.getProcedures(null, null, "%"), "PROCEDURE_NAME")).isEmpty();
        }
    }

    @Test
    void systemTablesAreListedAsSuchAndTheTypeFilterIsHonoured() throws SQLException {
        try (Connection c = db.connect()) {
            DatabaseMetaData md = c.getMetaData();
            assertThat(column(md.getTables(null, "SYS", "%", new String[] {"SYSTEM TABLE"}), "TABLE_NAME"))
                    .containsExactlyInAnyOrder("NODES", "CONSENSUS_GROUPS", "REPLICAS", "LOG", "TRANSACTIONS", "NODE_STATS");
            assertThat(column(md.getTables(null, "SYS", "%", new String[] {"TABLE"}), "TABLE_NAME")).isEmpty();
            try (ResultSet rs = md.getColumns(null, "SYS", "NODES", "%")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("COLUMN_NAME")).isEqualTo("NODE_ID");
                assertThat(rs.getInt("DATA_TYPE")).isEqualTo(Types.BIGINT);
                assertThat(rs.getString("TYPE_NAME")).isEqualTo("BIGINT");
                assertThat(rs.getInt("NULLABLE")).isEqualTo(DatabaseMetaData.columnNoNulls);
                assertThat(rs.getString("IS_NULLABLE")).isEqualTo("NO");
                assertThat(rs.getInt("ORDINAL_POSITION")).isEqualTo(1);
                assertThat(rs.getString("IS_AUTOINCREMENT")).isEqualTo("NO");
                assertThat(rs.getString("IS_GENERATEDCOLUMN")).isEqualTo("NO");
            }
        }
    }

    @Test
    void openingATableAnswersKeysAndIndexesFromTheCatalog() throws SQLException {
        createOrdersTable();
        try (Connection c = db.connect()) {
            DatabaseMetaData md = c.getMetaData();
            try (ResultSet pk = md.getPrimaryKeys(null, "PUBLIC", "ORDERS")) {
                assertThat(pk.next()).isTrue();
                assertThat(pk.getString("COLUMN_NAME")).isEqualTo("ID");
                assertThat(pk.getShort("KEY_SEQ")).isEqualTo((short) 1);
                assertThat(pk.next()).isFalse();
            }
            assertThat(column(md.getIndexInfo(null, "PUBLIC", "ORDERS", false, true), "INDEX_NAME"))
                    .containsExactly("PK_ORDERS", "ORDERS_BY_CUSTOMER");
            assertThat(column(md.getIndexInfo(null, "PUBLIC", "ORDERS", true, true), "INDEX_NAME"))
                    .containsExactly("PK_ORDERS");
            try (ResultSet fk = md.getImportedKeys(null, "PUBLIC", "ORDERS")) {
                assertThat(fk.next()).isFalse();
                assertThat(fk.getMetaData().getColumnCount()).isEqualTo(14);
                assertThat(fk.getMetaData().getColumnLabel(4)).isEqualTo("PKCOLUMN_NAME");
            }
            assertThat(column(md.getExportedKeys(null, "PUBLIC", "ORDERS"), "FKTABLE_NAME")).isEmpty();
            assertThat(column(md.getCrossReference(null, "PUBLIC", "ORDERS", null, "PUBLIC", "ORDERS"),
                    "FK_NAME")).isEmpty();
            assertThat(column(md.getBestRowIdentifier(null, "PUBLIC", "ORDERS",
                    DatabaseMetaData.bestRowSession, true), "COLUMN_NAME")).containsExactly("ID");
        }
    }

    @Test
    void sysTablesShowTheClusterAndTheTransactionsInFlight() throws SQLException {
        db.cluster.putNode(new NodeInfo(2, "127.0.0.1:7001", false));
        db.cluster.putGroup(new GroupInfo(0, 1, 3, 42, 2, 0));
        db.cluster.putReplica(new ReplicaInfo(0, 2, "UNREACHABLE", 2, 40, 40, 40, 2));
        db.cluster.appendLog(new LogEntryInfo(0, 42, 3, "TXN", 120, Instant.parse("2026-01-01T00:00:00Z")));
        db.cluster.putNodeStats(new NodeStats(1, 250.0, 0.4, 2.5, 9.0, 100));
        try (Connection c = db.connect(); Connection other = db.connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select node_id, address, up from sys.nodes order by node_id")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean("UP")).isTrue();
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("ADDRESS")).isEqualTo("127.0.0.1:7001");
                assertThat(rs.getBoolean("UP")).isFalse();
            }
            assertThat(column(s.executeQuery("select role from sys.replicas order by node_id"), "ROLE"))
                    .containsExactly("LEADER", "UNREACHABLE");
            assertThat(column(s.executeQuery("select commit_index from sys.consensus_groups"), "COMMIT_INDEX"))
                    .containsExactly("42");
            assertThat(column(s.executeQuery("select kind from sys.log"), "KIND")).containsExactly("TXN");
            assertThat(column(s.executeQuery("select latency_p99_ms from sys.node_stats"), "LATENCY_P99_MS"))
                    .containsExactly("2.5");

            other.setAutoCommit(false);
            SessionTestSupport.session(other).transaction().put(new byte[] {3, 1}, new byte[] {1});
            SessionTestSupport.session(other).statementSucceeded(new SynodSession.StatementScope(null, false), false);
            long otherId = other.unwrap(SynodConnection.class).id();
            try (ResultSet rs = s.executeQuery(
                    "select connection_id, state, has_writes, read_only from sys.transactions"
                            + " where connection_id <> " + c.unwrap(SynodConnection.class).id())) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong("CONNECTION_ID")).isEqualTo(otherId);
                assertThat(rs.getString("STATE")).isEqualTo("ACTIVE");
                assertThat(rs.getBoolean("HAS_WRITES")).isTrue();
                assertThat(rs.getBoolean("READ_ONLY")).isFalse();
                assertThat(rs.next()).isFalse();
            }
            other.rollback();
            assertThat(column(s.executeQuery("select state from sys.transactions where connection_id = " + otherId),
                    "STATE")).isEmpty();
        }
    }
}
