package io.synod.sqltest.metadata;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks a connection the questions DBeaver's generic JDBC support asks on connect (product,
 * driver, identifier rules, transactions, catalogs, schemas, table types, tables, types,
 * functions, procedures) and when a table is opened (columns, keys, indexes, references, then
 * its data and the data's ResultSetMetaData). Every answer and every failure is recorded:
 * a client gives up on a driver that throws where an empty answer was due, so the tests look
 * at failures first.
 */
public final class MetadataWalk {

    /** A JDBC call that threw. */
    public record Failure(String call, SQLException exception) {
        @Override
        public String toString() {
            return call + " threw " + exception.getClass().getSimpleName() + " (SQLState " + exception.getSQLState()
                + "): " + exception.getMessage();
        }
    }

    private final Map<String, Object> answers = new LinkedHashMap<>();
    private final List<Failure> failures = new ArrayList<>();

    private MetadataWalk() {
    }

    /** Walks what DBeaver reads on connect, then opens {@code table} of {@code schema} (null: none). */
    public static MetadataWalk walk(Connection connection, String schema, String table) throws SQLException {
        MetadataWalk walk = new MetadataWalk();
        DatabaseMetaData md = connection.getMetaData();
        walk.onConnect(connection, md, schema);
        walk.onOpenTable(connection, md, schema, table);
        return walk;
    }

    public Object answer(String call) {
        if (!answers.containsKey(call)) {
            throw new IllegalArgumentException("not asked (or it failed): " + call);
        }
        return answers.get(call);
    }

    public ResultTable table(String call) {
        return (ResultTable) answer(call);
    }

    public List<Failure> failures() {
        return failures;
    }

    private interface Call {
        Object get() throws SQLException;
    }

    private void ask(String call, Call c) {
        try {
            Object v = c.get();
            answers.put(call, v instanceof ResultSet rs ? ResultTable.read(rs) : v);
        } catch (SQLException e) {
            failures.add(new Failure(call, e));
        }
    }

    private void onConnect(Connection connection, DatabaseMetaData md, String schema) {
        ask("getDatabaseProductName", md::getDatabaseProductName);
        ask("getDatabaseProductVersion", md::getDatabaseProductVersion);
        ask("getDatabaseMajorVersion", md::getDatabaseMajorVersion);
        ask("getDatabaseMinorVersion", md::getDatabaseMinorVersion);
        ask("getDriverName", md::getDriverName);
        ask("getDriverVersion", md::getDriverVersion);
        ask("getJDBCMajorVersion", md::getJDBCMajorVersion);
        ask("getURL", md::getURL);
        ask("getUserName", md::getUserName);
        ask("isReadOnly", md::isReadOnly);
        ask("connection.isReadOnly", connection::isReadOnly);
        ask("connection.getAutoCommit", connection::getAutoCommit);
        ask("connection.getTransactionIsolation", connection::getTransactionIsolation);
        ask("connection.getCatalog", connection::getCatalog);
        ask("connection.getSchema", connection::getSchema);
        ask("connection.isValid", () -> connection.isValid(5));
        ask("getIdentifierQuoteString", md::getIdentifierQuoteString);
        ask("getSQLKeywords", md::getSQLKeywords);
        ask("getNumericFunctions", md::getNumericFunctions);
        ask("getStringFunctions", md::getStringFunctions);
        ask("getSystemFunctions", md::getSystemFunctions);
        ask("getTimeDateFunctions", md::getTimeDateFunctions);
        ask("getSearchStringEscape", md::getSearchStringEscape);
        ask("getExtraNameCharacters", md::getExtraNameCharacters);
        ask("getCatalogSeparator", md::getCatalogSeparator);
        ask("getCatalogTerm", md::getCatalogTerm);
        ask("getSchemaTerm", md::getSchemaTerm);
        ask("getProcedureTerm", md::getProcedureTerm);
        ask("isCatalogAtStart", md::isCatalogAtStart);
        ask("storesUpperCaseIdentifiers", md::storesUpperCaseIdentifiers);
        ask("storesLowerCaseIdentifiers", md::storesLowerCaseIdentifiers);
        ask("storesMixedCaseIdentifiers", md::storesMixedCaseIdentifiers);
        ask("storesMixedCaseQuotedIdentifiers", md::storesMixedCaseQuotedIdentifiers);
        ask("supportsMixedCaseIdentifiers", md::supportsMixedCaseIdentifiers);
        ask("supportsMixedCaseQuotedIdentifiers", md::supportsMixedCaseQuotedIdentifiers);
        ask("supportsCatalogsInDataManipulation", md::supportsCatalogsInDataManipulation);
        ask("supportsSchemasInDataManipulation", md::supportsSchemasInDataManipulation);
        ask("supportsSchemasInTableDefinitions", md::supportsSchemasInTableDefinitions);
        ask("supportsTransactions", md::supportsTransactions);
        ask("getDefaultTransactionIsolation", md::getDefaultTransactionIsolation);
        for (int level : new int[] {Connection.TRANSACTION_NONE, Connection.TRANSACTION_READ_UNCOMMITTED,
            Connection.TRANSACTION_READ_COMMITTED, Connection.TRANSACTION_REPEATABLE_READ, Connection.TRANSACTION_SERIALIZABLE}) {
            ask("supportsTransactionIsolationLevel(" + level + ")", () -> md.supportsTransactionIsolationLevel(level));
        }
        ask("supportsSavepoints", md::supportsSavepoints);
        ask("supportsBatchUpdates", md::supportsBatchUpdates);
        ask("supportsGetGeneratedKeys", md::supportsGetGeneratedKeys);
        ask("supportsMultipleResultSets", md::supportsMultipleResultSets);
        ask("supportsResultSetType(FORWARD_ONLY)", () -> md.supportsResultSetType(ResultSet.TYPE_FORWARD_ONLY));
        ask("supportsStoredProcedures", md::supportsStoredProcedures);
        ask("getMaxTableNameLength", md::getMaxTableNameLength);
        ask("getMaxColumnNameLength", md::getMaxColumnNameLength);
        ask("getCatalogs", md::getCatalogs);
        ask("getSchemas", md::getSchemas);
        ask("getSchemas(null,%)", () -> md.getSchemas(null, "%"));
        ask("getTableTypes", md::getTableTypes);
        ask("getTables", () -> md.getTables(null, schema, "%", null));
        ask("getTables(TABLE,VIEW)", () -> md.getTables(null, schema, "%", new String[] {"TABLE", "VIEW"}));
        ask("getTables(all schemas)", () -> md.getTables(null, null, "%", null));
        ask("getTypeInfo", md::getTypeInfo);
        ask("getFunctions", () -> md.getFunctions(null, schema, "%"));
        ask("getProcedures", () -> md.getProcedures(null, schema, "%"));
        ask("getUDTs", () -> md.getUDTs(null, schema, "%", null));
    }

    private void onOpenTable(Connection connection, DatabaseMetaData md, String schema, String table) {
        ask("getColumns", () -> md.getColumns(null, schema, table, "%"));
        ask("getPrimaryKeys", () -> md.getPrimaryKeys(null, schema, table));
        ask("getIndexInfo", () -> md.getIndexInfo(null, schema, table, false, true));
        ask("getImportedKeys", () -> md.getImportedKeys(null, schema, table));
        ask("getExportedKeys", () -> md.getExportedKeys(null, schema, table));
        ask("getBestRowIdentifier", () -> md.getBestRowIdentifier(null, schema, table, DatabaseMetaData.bestRowSession, true));
        ask("getVersionColumns", () -> md.getVersionColumns(null, schema, table));
        ask("getTablePrivileges", () -> md.getTablePrivileges(null, schema, table));
        ask("getColumnPrivileges", () -> md.getColumnPrivileges(null, schema, table, "%"));
        String quote = "\"";
        String qualified = (schema == null ? "" : quote + schema + quote + ".") + quote + table + quote;
        ask("data", () -> data(connection, "SELECT * FROM " + qualified));
        ask("rowCount", () -> {
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + qualified)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** The data tab: up to 200 rows and the ResultSetMetaData DBeaver renders the grid from. */
    private static DataAnswer data(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.setMaxRows(200);
            try (ResultSet rs = s.executeQuery(sql)) {
                ResultSetMetaData md = rs.getMetaData();
                List<DataColumn> columns = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    columns.add(new DataColumn(md.getColumnLabel(i), md.getColumnName(i), md.getColumnType(i),
                        md.getColumnTypeName(i), md.getPrecision(i), md.getScale(i), md.isNullable(i),
                        md.getTableName(i), md.getSchemaName(i), md.getColumnClassName(i), md.isAutoIncrement(i),
                        md.getColumnDisplaySize(i)));
                }
                int rows = 0;
                while (rs.next()) {
                    for (int i = 1; i <= columns.size(); i++) {
                        rs.getObject(i);
                    }
                    rows++;
                }
                return new DataAnswer(columns, rows);
            }
        }
    }

    /** What the data tab showed. */
    public record DataAnswer(List<DataColumn> columns, int rows) {
    }

    /** One column of the data tab's ResultSetMetaData. */
    public record DataColumn(String label, String name, int type, String typeName, int precision, int scale,
                             int nullable, String table, String schema, String className, boolean autoIncrement,
                             int displaySize) {
    }
}
