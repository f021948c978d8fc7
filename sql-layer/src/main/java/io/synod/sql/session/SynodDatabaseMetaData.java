package io.synod.sql.session;

import io.synod.sql.catalog.Catalog;
import io.synod.sql.catalog.ColumnDef;
import io.synod.sql.catalog.IndexDef;
import io.synod.sql.catalog.TableDef;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowIdLifetime;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static io.synod.sql.session.RowsResultSet.col;
import static io.synod.sql.session.RowsResultSet.notNull;

/**
 * What tools (DBeaver, SchemaCrawler, BI tools) learn about Synod. Schemas, tables (TABLE, VIEW,
 * SYSTEM TABLE) and columns come from Calcite's view of the session's schema, with column
 * defaults filled in from the catalog; primary keys, indexes and type info are answered from the
 * catalog; the product, identifier and transaction facts are Synod's. A question Synod has no
 * answer to returns an empty result set with the standard columns.
 */
final class SynodDatabaseMetaData extends ForwardingDatabaseMetaData {

    static final String PRODUCT_NAME = "Synod";
    static final String DRIVER_NAME = "Synod JDBC Driver";

    /** Synod's words that are not SQL:2003 keywords. */
    private static final String KEYWORDS = "CONSISTENCY,LIMIT,MAX_STALENESS_MS,OFFSET,UPSERT";

    private final SynodConnection connection;
    private final DatabaseMetaData calcite;
    private final EngineServices engine;

    SynodDatabaseMetaData(SynodConnection connection, DatabaseMetaData calcite, EngineServices engine) {
        this.connection = connection;
        this.calcite = calcite;
        this.engine = engine;
    }

    @Override
    protected DatabaseMetaData delegate() throws SQLException {
        connection.checkOpen();
        return calcite;
    }

    @Override
    protected <T> T call(SqlSupplier<T> action) throws SQLException {
        try {
            return action.get();
        } catch (SQLException | RuntimeException e) {
            throw SqlErrors.translate(e);
        }
    }

    // ------------------------------------------------------------------ product and driver

    @Override
    public String getDatabaseProductName() {
        return PRODUCT_NAME;
    }

    @Override
    public String getDatabaseProductVersion() {
        return engine.version();
    }

    @Override
    public int getDatabaseMajorVersion() {
        return versionPart(0);
    }

    @Override
    public int getDatabaseMinorVersion() {
        return versionPart(1);
    }

    @Override
    public String getDriverName() {
        return DRIVER_NAME;
    }

    @Override
    public String getDriverVersion() {
        return engine.version();
    }

    @Override
    public int getDriverMajorVersion() {
        return versionPart(0);
    }

    @Override
    public int getDriverMinorVersion() {
        return versionPart(1);
    }

    @Override
    public int getJDBCMajorVersion() {
        return 4;
    }

    @Override
    public int getJDBCMinorVersion() {
        return 2;
    }

    private int versionPart(int index) {
        String[] parts = engine.version().split("[.-]");
        try {
            return index < parts.length ? Integer.parseInt(parts[index]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public String getURL() {
        return null;
    }

    @Override
    public String getUserName() {
        return connection.user();
    }

    @Override
    public Connection getConnection() {
        return connection;
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        return connection.isReadOnly();
    }

    // ------------------------------------------------------------------ identifiers and SQL

    @Override
    public String getIdentifierQuoteString() {
        return "\"";
    }

    @Override
    public boolean supportsMixedCaseIdentifiers() {
        return false;
    }

    @Override
    public boolean storesUpperCaseIdentifiers() {
        return true;
    }

    @Override
    public boolean storesLowerCaseIdentifiers() {
        return false;
    }

    @Override
    public boolean storesMixedCaseIdentifiers() {
        return false;
    }

    @Override
    public boolean supportsMixedCaseQuotedIdentifiers() {
        return true;
    }

    @Override
    public boolean storesUpperCaseQuotedIdentifiers() {
        return false;
    }

    @Override
    public boolean storesLowerCaseQuotedIdentifiers() {
        return false;
    }

    @Override
    public boolean storesMixedCaseQuotedIdentifiers() {
        return true;
    }

    @Override
    public String getSQLKeywords() {
        return KEYWORDS;
    }

    @Override
    public String getSchemaTerm() {
        return "schema";
    }

    @Override
    public String getProcedureTerm() {
        return "procedure";
    }

    @Override
    public String getCatalogTerm() {
        return "catalog";
    }

    @Override
    public boolean supportsSchemasInDataManipulation() {
        return true;
    }

    @Override
    public boolean supportsSchemasInTableDefinitions() {
        return true;
    }

    @Override
    public boolean supportsSchemasInIndexDefinitions() {
        return true;
    }

    @Override
    public boolean supportsSchemasInProcedureCalls() {
        return false;
    }

    @Override
    public boolean supportsSchemasInPrivilegeDefinitions() {
        return false;
    }

    @Override
    public boolean supportsCatalogsInDataManipulation() {
        return false;
    }

    @Override
    public boolean supportsCatalogsInTableDefinitions() {
        return false;
    }

    @Override
    public boolean supportsCatalogsInIndexDefinitions() {
        return false;
    }

    @Override
    public boolean supportsCatalogsInProcedureCalls() {
        return false;
    }

    @Override
    public boolean supportsCatalogsInPrivilegeDefinitions() {
        return false;
    }

    @Override
    public boolean supportsStoredProcedures() {
        return false;
    }

    @Override
    public boolean supportsGetGeneratedKeys() {
        return false;
    }

    @Override
    public boolean supportsBatchUpdates() {
        return true;
    }

    @Override
    public boolean supportsMultipleResultSets() {
        return false;
    }

    @Override
    public boolean supportsMultipleOpenResults() {
        return false;
    }

    @Override
    public boolean supportsNamedParameters() {
        return false;
    }

    @Override
    public RowIdLifetime getRowIdLifetime() {
        return RowIdLifetime.ROWID_UNSUPPORTED;
    }

    // ------------------------------------------------------------------ transactions and result sets

    @Override
    public boolean supportsTransactions() {
        return true;
    }

    @Override
    public int getDefaultTransactionIsolation() {
        return Connection.TRANSACTION_SERIALIZABLE;
    }

    @Override
    public boolean supportsTransactionIsolationLevel(int level) {
        return level == Connection.TRANSACTION_SERIALIZABLE;
    }

    @Override
    public boolean supportsMultipleTransactions() {
        return true;
    }

    @Override
    public boolean supportsDataDefinitionAndDataManipulationTransactions() {
        return true;
    }

    @Override
    public boolean supportsDataManipulationTransactionsOnly() {
        return false;
    }

    @Override
    public boolean dataDefinitionCausesTransactionCommit() {
        return false;
    }

    @Override
    public boolean dataDefinitionIgnoredInTransactions() {
        return false;
    }

    @Override
    public boolean supportsSavepoints() {
        return true;
    }

    @Override
    public boolean supportsOpenCursorsAcrossCommit() {
        return false;
    }

    @Override
    public boolean supportsOpenCursorsAcrossRollback() {
        return false;
    }

    @Override
    public boolean supportsOpenStatementsAcrossCommit() {
        return true;
    }

    @Override
    public boolean supportsOpenStatementsAcrossRollback() {
        return true;
    }

    @Override
    public boolean supportsResultSetType(int type) {
        return type == ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public boolean supportsResultSetConcurrency(int type, int concurrency) {
        return type == ResultSet.TYPE_FORWARD_ONLY && concurrency == ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public boolean supportsResultSetHoldability(int holdability) {
        return holdability == ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public int getResultSetHoldability() {
        return ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public boolean autoCommitFailureClosesAllResultSets() {
        return false;
    }

    /** Result sets are read-only and forward-only: no change made through or beside one shows in it. */
    @Override
    public boolean ownUpdatesAreVisible(int type) {
        return false;
    }

    @Override
    public boolean ownDeletesAreVisible(int type) {
        return false;
    }

    @Override
    public boolean ownInsertsAreVisible(int type) {
        return false;
    }

    @Override
    public boolean othersUpdatesAreVisible(int type) {
        return false;
    }

    @Override
    public boolean othersDeletesAreVisible(int type) {
        return false;
    }

    @Override
    public boolean othersInsertsAreVisible(int type) {
        return false;
    }

    @Override
    public boolean updatesAreDetected(int type) {
        return false;
    }

    @Override
    public boolean deletesAreDetected(int type) {
        return false;
    }

    @Override
    public boolean insertsAreDetected(int type) {
        return false;
    }

    // ------------------------------------------------------------------ catalog questions

    @Override
    public ResultSet getTableTypes() throws SQLException {
        return connection.rows(List.of(notNull("TABLE_TYPE", String.class)),
                List.of(new Object[] {"SYSTEM TABLE"}, new Object[] {"TABLE"}, new Object[] {"VIEW"}));
    }

    @Override
    public ResultSet getCatalogs() throws SQLException {
        return connection.emptyResultSet(List.of(notNull("TABLE_CAT", String.class)));
    }

    /**
     * Calcite's tables of the schemas and names matching the patterns. Calcite lists every view
     * whatever the name pattern, so the rows are matched here (JDBC LIKE patterns, escape {@code \\}).
     */
    @Override
    public ResultSet getTables(String catalog, String schemaPattern, String tableNamePattern, String[] types)
            throws SQLException {
        Pattern schema = like(schemaPattern);
        Pattern table = like(tableNamePattern);
        return copy(call(() -> delegate().getTables(catalog, null, null, types)),
                (rs, row) -> matches(schema, rs.getString("TABLE_SCHEM")) && matches(table, rs.getString("TABLE_NAME")));
    }

    @Override
    public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException {
        Pattern schema = like(schemaPattern);
        return copy(call(() -> delegate().getSchemas(catalog, null)),
                (rs, row) -> matches(schema, rs.getString("TABLE_SCHEM")));
    }

    /**
     * Calcite's columns of the tables and views matching the patterns (matched here, as for
     * {@link #getTables}), with COLUMN_DEF from the catalog and IS_AUTOINCREMENT/IS_GENERATEDCOLUMN answered.
     */
    @Override
    public ResultSet getColumns(String catalog, String schemaPattern, String tableNamePattern,
                                String columnNamePattern) throws SQLException {
        Catalog cat = engine.committedCatalog();
        Pattern schema = like(schemaPattern);
        Pattern table = like(tableNamePattern);
        Pattern column = like(columnNamePattern);
        return copy(call(() -> delegate().getColumns(catalog, null, null, null)), (rs, row) -> {
            String schemaName = rs.getString("TABLE_SCHEM");
            String tableName = rs.getString("TABLE_NAME");
            String columnName = rs.getString("COLUMN_NAME");
            if (!matches(schema, schemaName) || !matches(table, tableName) || !matches(column, columnName)) {
                return false;
            }
            ResultSetMetaData md = rs.getMetaData();
            Optional<ColumnDef> def = cat.table(schemaName, tableName).flatMap(t -> t.column(columnName));
            int typeNameAt = indexOf(md, "TYPE_NAME");
            int sizeAt = indexOf(md, "COLUMN_SIZE");
            if (typeNameAt > 0 && row[typeNameAt - 1] instanceof String typeName) {
                row[typeNameAt - 1] = plainTypeName(typeName);
            }
            if (sizeAt > 0 && !(row[sizeAt - 1] instanceof Integer size && size >= 0)) {
                row[sizeAt - 1] = def.map(d -> TypeInfo.columnSize(d.type()))
                        .orElse(TypeInfo.defaultSize(rs.getInt("DATA_TYPE")));
            }
            set(md, row, "COLUMN_DEF", def.map(ColumnDef::defaultSql).orElse(null));
            set(md, row, "IS_AUTOINCREMENT", "NO");
            set(md, row, "IS_GENERATEDCOLUMN", "NO");
            return true;
        });
    }

    /** Decides whether a row of Calcite's answer is kept, and may rewrite it on the way. */
    @FunctionalInterface
    private interface RowFilter {
        boolean keep(ResultSet current, Object[] row) throws SQLException;
    }

    /** Copies the rows of {@code rs} that {@code filter} keeps into a result set of the same columns. */
    private ResultSet copy(ResultSet source, RowFilter filter) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        List<RowsResultSet.Column> columns = new ArrayList<>();
        try (ResultSet rs = source) {
            ResultSetMetaData md = rs.getMetaData();
            int n = md.getColumnCount();
            for (int i = 1; i <= n; i++) {
                columns.add(col(md.getColumnLabel(i), columnClass(md.getColumnType(i))));
            }
            while (rs.next()) {
                Object[] row = new Object[n];
                for (int i = 1; i <= n; i++) {
                    row[i - 1] = rs.getObject(i);
                }
                if (filter.keep(rs, row)) {
                    rows.add(row);
                }
            }
        }
        return connection.rows(columns, rows);
    }

    private static boolean matches(Pattern pattern, String value) {
        return value != null && pattern.matcher(value).matches();
    }

    private static void set(ResultSetMetaData md, Object[] row, String label, Object value) throws SQLException {
        int at = indexOf(md, label);
        if (at > 0) {
            row[at - 1] = value;
        }
    }

    @Override
    public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (TableDef t : tables(schema, table)) {
            List<ColumnDef> key = t.primaryKeyColumns();
            for (int i = 0; i < key.size(); i++) {
                rows.add(new Object[] {null, t.schema(), t.name(), key.get(i).name(), (short) (i + 1),
                        primaryKeyName(t)});
            }
        }
        rows.sort(Comparator.comparing((Object[] r) -> (String) r[3]));
        return connection.rows(List.of(col("TABLE_CAT", String.class), col("TABLE_SCHEM", String.class),
                notNull("TABLE_NAME", String.class), notNull("COLUMN_NAME", String.class),
                notNull("KEY_SEQ", Short.class), col("PK_NAME", String.class)), rows);
    }

    /** The primary key (a unique index) and the secondary indexes, ordered as JDBC asks. */
    @Override
    public ResultSet getIndexInfo(String catalog, String schema, String table, boolean unique, boolean approximate)
            throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (TableDef t : tables(schema, table)) {
            List<ColumnDef> key = t.primaryKeyColumns();
            for (int i = 0; i < key.size(); i++) {
                rows.add(indexRow(t, false, primaryKeyName(t), i, key.get(i)));
            }
            for (IndexDef index : t.readableIndexes()) {
                if (unique && !index.unique()) {
                    continue;
                }
                List<ColumnDef> cols = t.indexColumns(index);
                for (int i = 0; i < cols.size(); i++) {
                    rows.add(indexRow(t, !index.unique(), index.name(), i, cols.get(i)));
                }
            }
        }
        rows.sort(Comparator.comparing((Object[] r) -> (Boolean) r[3])
                .thenComparing(r -> (String) r[5])
                .thenComparing(r -> (Short) r[7]));
        return connection.rows(List.of(col("TABLE_CAT", String.class), col("TABLE_SCHEM", String.class),
                notNull("TABLE_NAME", String.class), notNull("NON_UNIQUE", Boolean.class),
                col("INDEX_QUALIFIER", String.class), col("INDEX_NAME", String.class), notNull("TYPE", Short.class),
                notNull("ORDINAL_POSITION", Short.class), col("COLUMN_NAME", String.class),
                col("ASC_OR_DESC", String.class), notNull("CARDINALITY", Long.class), notNull("PAGES", Long.class),
                col("FILTER_CONDITION", String.class)), rows);
    }

    private static Object[] indexRow(TableDef t, boolean nonUnique, String name, int position, ColumnDef column) {
        return new Object[] {null, t.schema(), t.name(), nonUnique, t.schema(), name,
                (short) DatabaseMetaData.tableIndexOther, (short) (position + 1), column.name(), "A", 0L, 0L, null};
    }

    private static String primaryKeyName(TableDef t) {
        return "PK_" + t.name();
    }

    @Override
    public ResultSet getImportedKeys(String catalog, String schema, String table) throws SQLException {
        return connection.emptyResultSet(foreignKeyColumns());
    }

    @Override
    public ResultSet getExportedKeys(String catalog, String schema, String table) throws SQLException {
        return connection.emptyResultSet(foreignKeyColumns());
    }

    @Override
    public ResultSet getCrossReference(String parentCatalog, String parentSchema, String parentTable,
                                       String foreignCatalog, String foreignSchema, String foreignTable)
            throws SQLException {
        return connection.emptyResultSet(foreignKeyColumns());
    }

    private static List<RowsResultSet.Column> foreignKeyColumns() {
        return List.of(col("PKTABLE_CAT", String.class), col("PKTABLE_SCHEM", String.class),
                notNull("PKTABLE_NAME", String.class), notNull("PKCOLUMN_NAME", String.class),
                col("FKTABLE_CAT", String.class), col("FKTABLE_SCHEM", String.class),
                notNull("FKTABLE_NAME", String.class), notNull("FKCOLUMN_NAME", String.class),
                notNull("KEY_SEQ", Short.class), notNull("UPDATE_RULE", Short.class),
                notNull("DELETE_RULE", Short.class), col("FK_NAME", String.class), col("PK_NAME", String.class),
                notNull("DEFERRABILITY", Short.class));
    }

    /** The primary key identifies a row best; tables without one have no visible identifier. */
    @Override
    public ResultSet getBestRowIdentifier(String catalog, String schema, String table, int scope, boolean nullable)
            throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (TableDef t : tables(schema, table)) {
            for (ColumnDef c : t.primaryKeyColumns()) {
                TypeInfo type = TypeInfo.of(c.type().type());
                rows.add(new Object[] {(short) DatabaseMetaData.bestRowSession, c.name(), type.jdbcType(),
                        type.name(), TypeInfo.columnSize(c.type()), 0, TypeInfo.decimalDigits(c.type()),
                        (short) DatabaseMetaData.bestRowNotPseudo});
            }
        }
        return connection.rows(List.of(notNull("SCOPE", Short.class), notNull("COLUMN_NAME", String.class),
                notNull("DATA_TYPE", Integer.class), notNull("TYPE_NAME", String.class),
                col("COLUMN_SIZE", Integer.class), col("BUFFER_LENGTH", Integer.class),
                col("DECIMAL_DIGITS", Short.class), notNull("PSEUDO_COLUMN", Short.class)), rows);
    }

    @Override
    public ResultSet getTypeInfo() throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (TypeInfo t : TypeInfo.all()) {
            rows.add(new Object[] {t.name(), t.jdbcType(), t.precision(), t.literalPrefix(), t.literalSuffix(),
                    t.createParams(), (short) DatabaseMetaData.typeNullable, t.caseSensitive(),
                    (short) DatabaseMetaData.typeSearchable, !t.numeric() || t.name().equals("BOOLEAN") ? null : false,
                    false, false, t.name(), (short) 0, t.maxScale(), null, null, t.numeric() ? 10 : null});
        }
        rows.sort(Comparator.comparing((Object[] r) -> (Integer) r[1]));
        return connection.rows(List.of(notNull("TYPE_NAME", String.class), notNull("DATA_TYPE", Integer.class),
                col("PRECISION", Integer.class), col("LITERAL_PREFIX", String.class),
                col("LITERAL_SUFFIX", String.class), col("CREATE_PARAMS", String.class),
                notNull("NULLABLE", Short.class), notNull("CASE_SENSITIVE", Boolean.class),
                notNull("SEARCHABLE", Short.class), col("UNSIGNED_ATTRIBUTE", Boolean.class),
                notNull("FIXED_PREC_SCALE", Boolean.class), notNull("AUTO_INCREMENT", Boolean.class),
                col("LOCAL_TYPE_NAME", String.class), col("MINIMUM_SCALE", Short.class),
                col("MAXIMUM_SCALE", Short.class), col("SQL_DATA_TYPE", Integer.class),
                col("SQL_DATETIME_SUB", Integer.class), col("NUM_PREC_RADIX", Integer.class)), rows);
    }

    @Override
    public ResultSet getClientInfoProperties() throws SQLException {
        return connection.emptyResultSet(List.of(notNull("NAME", String.class), notNull("MAX_LEN", Integer.class),
                col("DEFAULT_VALUE", String.class), col("DESCRIPTION", String.class)));
    }

    // ------------------------------------------------------------------ helpers

    /** Catalog tables matching JDBC patterns ({@code %}, {@code _}; null matches all). */
    private List<TableDef> tables(String schemaPattern, String tablePattern) {
        Pattern schema = like(schemaPattern);
        Pattern table = like(tablePattern);
        return engine.committedCatalog().tables().stream()
                .filter(t -> schema.matcher(t.schema()).matches() && table.matcher(t.name()).matches())
                .toList();
    }

    static Pattern like(String pattern) {
        if (pattern == null) {
            return Pattern.compile(".*", Pattern.DOTALL);
        }
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    /** TYPE_NAME is the bare type ({@code VARCHAR}), not Calcite's full type string ({@code VARCHAR(40) NOT NULL}). */
    static String plainTypeName(String calciteTypeName) {
        String name = calciteTypeName.replace(" NOT NULL", "");
        int paren = name.indexOf('(');
        int charset = name.indexOf(" CHARACTER SET");
        int end = paren >= 0 ? paren : charset >= 0 ? charset : name.length();
        return name.substring(0, end).strip();
    }

    private static int indexOf(ResultSetMetaData md, String label) throws SQLException {
        for (int i = 1; i <= md.getColumnCount(); i++) {
            if (md.getColumnLabel(i).equalsIgnoreCase(label)) {
                return i;
            }
        }
        return -1;
    }

    private static Class<?> columnClass(int jdbcType) {
        return switch (jdbcType) {
            case Types.INTEGER -> Integer.class;
            case Types.SMALLINT -> Short.class;
            case Types.BIGINT -> Long.class;
            case Types.BOOLEAN, Types.BIT -> Boolean.class;
            default -> String.class;
        };
    }
}
