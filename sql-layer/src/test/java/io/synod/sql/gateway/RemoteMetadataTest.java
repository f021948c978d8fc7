package io.synod.sql.gateway;

import io.synod.sql.SqlEngine;
import io.synod.sql.kv.MemorySqlKv;
import io.synod.sql.sys.InMemoryClusterInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * DatabaseMetaData through the driver and gateway answers what the engine's own connection
 * answers: every fixed fact, and every catalog question (keys, indexes, functions... which
 * Avatica's protocol cannot carry and the driver asks with a metadata call).
 */
class RemoteMetadataTest {

    /** Facts of the client side itself: the URL it was given and the driver's own build. */
    private static final Set<String> CLIENT_FACTS = Set.of("getURL", "getDriverVersion");

    private static final List<String> SCHEMA = List.of(
            "CREATE TABLE emp (emp_id INTEGER NOT NULL, dept_id INTEGER, name VARCHAR(40) NOT NULL, "
                    + "salary DECIMAL(10,2) DEFAULT 0, PRIMARY KEY (emp_id))",
            "CREATE INDEX emp_by_dept ON emp (dept_id)",
            "CREATE VIEW emp_names AS SELECT emp_id, name FROM emp",
            // A name the pattern EMP_% matches only through '_' as a wildcard, and "EMP\_%" does not.
            "CREATE TABLE empx1 (k INTEGER NOT NULL, PRIMARY KEY (k))");

    private SqlEngine engine;
    private TestGateways gateways;
    private Connection server;
    private Connection client;

    @BeforeEach
    void start() throws SQLException {
        engine = SqlEngine.create(new MemorySqlKv(), new InMemoryClusterInfo(10));
        gateways = new TestGateways(1, engine::connect, GatewayConfig::defaults);
        server = engine.connect(new Properties());
        try (Statement s = server.createStatement()) {
            for (String sql : SCHEMA) {
                s.execute(sql);
            }
        }
        client = DriverManager.getConnection(gateways.url());
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
        gateways.close();
        engine.close();
    }

    @Test
    void everyFixedFactIsTheEngines() throws Exception {
        DatabaseMetaData remote = client.getMetaData();
        DatabaseMetaData local = server.getMetaData();
        List<String> differences = new ArrayList<>();
        int compared = 0;
        for (Method m : DatabaseMetaData.class.getMethods()) {
            Class<?> returns = m.getReturnType();
            if (returns == ResultSet.class || returns == Connection.class || CLIENT_FACTS.contains(m.getName())
                    || m.getDeclaringClass() != DatabaseMetaData.class) {
                continue;
            }
            for (Object[] args : argumentsFor(m)) {
                Object a = answer(m, remote, args);
                Object b = answer(m, local, args);
                compared++;
                if (!Objects.equals(a, b)) {
                    differences.add(m.getName() + Arrays.toString(args) + ": driver " + a + ", engine " + b);
                }
            }
        }
        assertThat(compared).isGreaterThan(150);
        assertThat(differences).isEmpty();
        assertThat(remote.getDatabaseProductVersion()).isEqualTo(engine.version());
        assertThat(remote.supportsTransactionIsolationLevel(Connection.TRANSACTION_SERIALIZABLE)).isTrue();
        assertThat(remote.supportsTransactionIsolationLevel(Connection.TRANSACTION_READ_COMMITTED)).isFalse();
        assertThat(remote.isReadOnly()).isFalse();
    }

    /** No arguments, or each interesting int (isolation levels, result set types and holdabilities). */
    private static List<Object[]> argumentsFor(Method m) {
        Class<?>[] p = m.getParameterTypes();
        int[] ints = {0, 1, 2, 4, 8, 1003, 1004, 1005, 1007, 1008};
        List<Object[]> out = new ArrayList<>();
        if (p.length == 0) {
            out.add(new Object[0]);
        } else if (p.length == 1 && p[0] == int.class) {
            for (int i : ints) {
                out.add(new Object[] {i});
            }
        } else if (p.length == 2 && p[0] == int.class && p[1] == int.class) {
            for (int i : ints) {
                for (int j : ints) {
                    out.add(new Object[] {i, j});
                }
            }
        }
        return out;
    }

    private static Object answer(Method m, DatabaseMetaData md, Object[] args) throws IllegalAccessException {
        try {
            return m.invoke(md, args);
        } catch (InvocationTargetException e) {
            return "threw " + e.getCause().getClass().getSimpleName();
        }
    }

    @Test
    void everyCatalogQuestionGetsTheEnginesRows() throws SQLException {
        DatabaseMetaData remote = client.getMetaData();
        DatabaseMetaData local = server.getMetaData();
        for (String table : List.of("EMP", "EMP_NAMES", "NO_SUCH_TABLE")) {
            assertSame("getPrimaryKeys " + table, remote.getPrimaryKeys(null, "PUBLIC", table),
                    local.getPrimaryKeys(null, "PUBLIC", table));
            assertSame("getIndexInfo " + table, remote.getIndexInfo(null, "PUBLIC", table, false, true),
                    local.getIndexInfo(null, "PUBLIC", table, false, true));
            assertSame("getIndexInfo unique " + table, remote.getIndexInfo(null, "PUBLIC", table, true, false),
                    local.getIndexInfo(null, "PUBLIC", table, true, false));
            assertSame("getImportedKeys " + table, remote.getImportedKeys(null, "PUBLIC", table),
                    local.getImportedKeys(null, "PUBLIC", table));
            assertSame("getExportedKeys " + table, remote.getExportedKeys(null, "PUBLIC", table),
                    local.getExportedKeys(null, "PUBLIC", table));
            assertSame("getBestRowIdentifier " + table,
                    remote.getBestRowIdentifier(null, "PUBLIC", table, DatabaseMetaData.bestRowSession, true),
                    local.getBestRowIdentifier(null, "PUBLIC", table, DatabaseMetaData.bestRowSession, true));
            assertSame("getVersionColumns " + table, remote.getVersionColumns(null, "PUBLIC", table),
                    local.getVersionColumns(null, "PUBLIC", table));
            assertSame("getColumnPrivileges " + table, remote.getColumnPrivileges(null, "PUBLIC", table, "%"),
                    local.getColumnPrivileges(null, "PUBLIC", table, "%"));
        }
        for (String pattern : List.of("%", "EMP", "EMP_%", "EMP\\_%", "E%S")) {
            assertSame("getTables " + pattern, remote.getTables(null, "PUBLIC", pattern, null),
                    local.getTables(null, "PUBLIC", pattern, null));
            assertSame("getColumns " + pattern, remote.getColumns(null, "PUBLIC", pattern, "%"),
                    local.getColumns(null, "PUBLIC", pattern, "%"));
            assertSame("getTablePrivileges " + pattern, remote.getTablePrivileges(null, "PUBLIC", pattern),
                    local.getTablePrivileges(null, "PUBLIC", pattern));
        }
        assertSame("getCrossReference", remote.getCrossReference(null, "PUBLIC", "EMP", null, "PUBLIC", "EMP_NAMES"),
                local.getCrossReference(null, "PUBLIC", "EMP", null, "PUBLIC", "EMP_NAMES"));
        assertSame("getFunctions", remote.getFunctions(null, null, "%"), local.getFunctions(null, null, "%"));
        assertSame("getFunctionColumns", remote.getFunctionColumns(null, null, "%", "%"),
                local.getFunctionColumns(null, null, "%", "%"));
        assertSame("getProcedures", remote.getProcedures(null, null, "%"), local.getProcedures(null, null, "%"));
        assertSame("getProcedureColumns", remote.getProcedureColumns(null, null, "%", "%"),
                local.getProcedureColumns(null, null, "%", "%"));
        assertSame("getUDTs", remote.getUDTs(null, null, "%", new int[] {java.sql.Types.STRUCT}),
                local.getUDTs(null, null, "%", new int[] {java.sql.Types.STRUCT}));
        assertSame("getSuperTypes", remote.getSuperTypes(null, null, "%"), local.getSuperTypes(null, null, "%"));
        assertSame("getSuperTables", remote.getSuperTables(null, null, "%"), local.getSuperTables(null, null, "%"));
        assertSame("getAttributes", remote.getAttributes(null, null, "%", "%"),
                local.getAttributes(null, null, "%", "%"));
        assertSame("getPseudoColumns", remote.getPseudoColumns(null, null, "%", "%"),
                local.getPseudoColumns(null, null, "%", "%"));
        assertSame("getClientInfoProperties", remote.getClientInfoProperties(), local.getClientInfoProperties());
        assertSame("getTypeInfo", remote.getTypeInfo(), local.getTypeInfo());
        assertSame("getSchemas", remote.getSchemas(null, "%"), local.getSchemas(null, "%"));
        assertSame("getTableTypes", remote.getTableTypes(), local.getTableTypes());
        assertSame("getCatalogs", remote.getCatalogs(), local.getCatalogs());
    }

    @Test
    void keysAndIndexesArriveThroughTheDriver() throws SQLException {
        DatabaseMetaData md = client.getMetaData();
        assertThat(rows(md.getPrimaryKeys(null, "PUBLIC", "EMP"))).containsExactly(
                List.of("null", "PUBLIC", "EMP", "EMP_ID", "1", "PK_EMP"));
        assertThat(column(md.getIndexInfo(null, "PUBLIC", "EMP", false, true), "INDEX_NAME"))
                .containsExactly("PK_EMP", "EMP_BY_DEPT");
        assertThat(column(md.getIndexInfo(null, "PUBLIC", "EMP", true, true), "INDEX_NAME"))
                .containsExactly("PK_EMP");
        assertThat(column(md.getBestRowIdentifier(null, "PUBLIC", "EMP", DatabaseMetaData.bestRowSession, true),
                "COLUMN_NAME")).containsExactly("EMP_ID");
        // A question with no answer is an empty result set with the standard columns.
        ResultSet imported = md.getImportedKeys(null, "PUBLIC", "EMP");
        assertThat(imported.getMetaData().getColumnLabel(3)).isEqualTo("PKTABLE_NAME");
        assertThat(rows(imported)).isEmpty();
        assertThat(column(md.getFunctions(null, null, "%"), "FUNCTION_NAME")).isNotNull();
    }

    @Test
    void namePatternsFollowJdbcLikeWithTheEscape() throws SQLException {
        DatabaseMetaData md = client.getMetaData();
        assertThat(md.getSearchStringEscape()).isEqualTo("\\");
        assertThat(column(md.getColumns(null, "PUBLIC", "EMP", "%"), "TABLE_NAME")).containsOnly("EMP").hasSize(4);
        assertThat(column(md.getColumns(null, "PUBLIC", "EMP_NAMES", "%"), "COLUMN_NAME"))
                .containsExactly("EMP_ID", "NAME");
        assertThat(column(md.getTables(null, "PUBLIC", "EMP", null), "TABLE_NAME")).containsExactly("EMP");
        assertThat(column(md.getTables(null, "PUBLIC", "EMP_%", null), "TABLE_NAME"))
                .containsExactlyInAnyOrder("EMP_NAMES", "EMPX1");
        assertThat(column(md.getTables(null, "PUBLIC", "EMP\\_%", null), "TABLE_NAME")).containsExactly("EMP_NAMES");
        assertThat(column(md.getTables(null, "PUB%", "E%", new String[] {"VIEW"}), "TABLE_NAME"))
                .containsExactly("EMP_NAMES");
        assertThat(column(md.getColumns(null, "PUBLIC", "E%", "EMP\\_ID"), "TABLE_NAME"))
                .containsExactlyInAnyOrder("EMP", "EMP_NAMES");
        assertThat(column(md.getColumns(null, "public", "EMP", "%"), "COLUMN_NAME")).as("names are exact").isEmpty();
        assertThat(column(md.getSchemas(null, "P%"), "TABLE_SCHEM")).containsExactly("PUBLIC");
    }

    /** The planner sees VARCHAR(n) without n; the result set metadata still carries the declared length. */
    @Test
    void queryMetadataCarriesDeclaredLengths() throws SQLException {
        for (Connection c : List.of(server, client)) {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT name, emp_id FROM emp")) {
                ResultSetMetaData md = rs.getMetaData();
                assertThat(md.getPrecision(1)).as("%s", c).isEqualTo(40);
                assertThat(md.getColumnDisplaySize(1)).isEqualTo(40);
                assertThat(md.getPrecision(2)).isEqualTo(10);
            }
            try (java.sql.PreparedStatement p = c.prepareStatement("SELECT e.name FROM emp e WHERE e.emp_id = ?")) {
                assertThat(p.getMetaData().getPrecision(1)).as("prepared, %s", c).isEqualTo(40);
            }
        }
    }

    @Test
    void isolationLevelsAreUpgradedTruthfully() throws SQLException {
        assertThat(client.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
        client.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        assertThat(client.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
        SQLWarning warning = client.getWarnings();
        assertThat(warning == null ? null : warning.getMessage()).contains("upgraded to SERIALIZABLE");
        client.clearWarnings();
        assertThat(client.getWarnings() == null).isTrue();
        client.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
        assertThat(client.getWarnings() == null).isTrue();
        assertThatThrownBy(() -> client.setTransactionIsolation(Connection.TRANSACTION_NONE))
                .isInstanceOf(SQLException.class).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22023");
    }

    @Test
    void savepointsRollBackPartOfATransaction() throws SQLException {
        client.setAutoCommit(false);
        try (Statement s = client.createStatement()) {
            s.executeUpdate("INSERT INTO empx1 VALUES (1)");
            Savepoint named = client.setSavepoint("after_one");
            s.executeUpdate("INSERT INTO empx1 VALUES (2)");
            Savepoint unnamed = client.setSavepoint();
            s.executeUpdate("INSERT INTO empx1 VALUES (3)");
            client.rollback(unnamed);
            assertThat(named.getSavepointName()).isEqualTo("after_one");
            assertThatThrownBy(unnamed::getSavepointName).isInstanceOf(SQLException.class);
            assertThat(unnamed.getSavepointId()).isPositive();
            assertThat(column(s.executeQuery("SELECT k FROM empx1 ORDER BY k"), "K")).containsExactly("1", "2");
            client.rollback(named);
            client.releaseSavepoint(named);
            client.commit();
            assertThat(column(s.executeQuery("SELECT k FROM empx1 ORDER BY k"), "K")).containsExactly("1");
        }
    }

    @Test
    void aMalformedMetadataCallIsAClearError() throws SQLException {
        try (Statement s = client.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("CALL SYS.METADATA('getNothing', NULL)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("getNothing")
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42883");
            assertThatThrownBy(() -> s.executeQuery("CALL SYS.METADATA('getPrimaryKeys', NULL, 'PUBLIC', 'EMP)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("SYS.METADATA")
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42601");
            assertThat(column(s.executeQuery("call sys.metadata('getPrimaryKeys', null, 'PUBLIC', 'EMP')"),
                    "COLUMN_NAME")).containsExactly("EMP_ID");
        }
    }

    private static void assertSame(String what, ResultSet remote, ResultSet local) throws SQLException {
        List<String> remoteLabels = labels(remote);
        assertThat(remoteLabels).as(what + " columns").isEqualTo(labels(local));
        assertThat(rows(remote)).as(what + " rows").isEqualTo(rows(local));
    }

    private static List<String> labels(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            out.add(md.getColumnLabel(i));
        }
        return out;
    }

    /** Rows as strings, so a SMALLINT answered as a Short here and an Integer there still compares. */
    private static List<List<String>> rows(ResultSet rs) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        try (rs) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(String.valueOf(rs.getString(i)));
                }
                out.add(row);
            }
        }
        return out;
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
}
