package io.synod.sql.session;

import java.sql.*;

/**
 * A {@link DatabaseMetaData} that forwards to {@link #delegate()} through {@link #call} every
 * call the subclass does not answer itself. Generated from the {@code java.sql.DatabaseMetaData}
 * interface, less the methods the subclass overrides.
 */
abstract class ForwardingDatabaseMetaData implements DatabaseMetaData {

    protected abstract DatabaseMetaData delegate() throws SQLException;

    protected abstract <T> T call(SqlSupplier<T> action) throws SQLException;

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw SqlErrors.create(SqlStates.INVALID_PARAMETER_VALUE, "not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    @Override
    public boolean allProceduresAreCallable() throws SQLException {
        return call(() -> delegate().allProceduresAreCallable());
    }

    @Override
    public boolean allTablesAreSelectable() throws SQLException {
        return call(() -> delegate().allTablesAreSelectable());
    }

    @Override
    public boolean nullsAreSortedHigh() throws SQLException {
        return call(() -> delegate().nullsAreSortedHigh());
    }

    @Override
    public boolean nullsAreSortedLow() throws SQLException {
        return call(() -> delegate().nullsAreSortedLow());
    }

    @Override
    public boolean nullsAreSortedAtStart() throws SQLException {
        return call(() -> delegate().nullsAreSortedAtStart());
    }

    @Override
    public boolean nullsAreSortedAtEnd() throws SQLException {
        return call(() -> delegate().nullsAreSortedAtEnd());
    }

    @Override
    public boolean usesLocalFiles() throws SQLException {
        return call(() -> delegate().usesLocalFiles());
    }

    @Override
    public boolean usesLocalFilePerTable() throws SQLException {
        return call(() -> delegate().usesLocalFilePerTable());
    }

    @Override
    public String getNumericFunctions() throws SQLException {
        return call(() -> delegate().getNumericFunctions());
    }

    @Override
    public String getStringFunctions() throws SQLException {
        return call(() -> delegate().getStringFunctions());
    }

    @Override
    public String getSystemFunctions() throws SQLException {
        return call(() -> delegate().getSystemFunctions());
    }

    @Override
    public String getTimeDateFunctions() throws SQLException {
        return call(() -> delegate().getTimeDateFunctions());
    }

    @Override
    public String getSearchStringEscape() throws SQLException {
        return call(() -> delegate().getSearchStringEscape());
    }

    @Override
    public String getExtraNameCharacters() throws SQLException {
        return call(() -> delegate().getExtraNameCharacters());
    }

    @Override
    public boolean supportsAlterTableWithAddColumn() throws SQLException {
        return call(() -> delegate().supportsAlterTableWithAddColumn());
    }

    @Override
    public boolean supportsAlterTableWithDropColumn() throws SQLException {
        return call(() -> delegate().supportsAlterTableWithDropColumn());
    }

    @Override
    public boolean supportsColumnAliasing() throws SQLException {
        return call(() -> delegate().supportsColumnAliasing());
    }

    @Override
    public boolean nullPlusNonNullIsNull() throws SQLException {
        return call(() -> delegate().nullPlusNonNullIsNull());
    }

    @Override
    public boolean supportsConvert() throws SQLException {
        return call(() -> delegate().supportsConvert());
    }

    @Override
    public boolean supportsConvert(int fromType, int toType) throws SQLException {
        return call(() -> delegate().supportsConvert(fromType, toType));
    }

    @Override
    public boolean supportsTableCorrelationNames() throws SQLException {
        return call(() -> delegate().supportsTableCorrelationNames());
    }

    @Override
    public boolean supportsDifferentTableCorrelationNames() throws SQLException {
        return call(() -> delegate().supportsDifferentTableCorrelationNames());
    }

    @Override
    public boolean supportsExpressionsInOrderBy() throws SQLException {
        return call(() -> delegate().supportsExpressionsInOrderBy());
    }

    @Override
    public boolean supportsOrderByUnrelated() throws SQLException {
        return call(() -> delegate().supportsOrderByUnrelated());
    }

    @Override
    public boolean supportsGroupBy() throws SQLException {
        return call(() -> delegate().supportsGroupBy());
    }

    @Override
    public boolean supportsGroupByUnrelated() throws SQLException {
        return call(() -> delegate().supportsGroupByUnrelated());
    }

    @Override
    public boolean supportsGroupByBeyondSelect() throws SQLException {
        return call(() -> delegate().supportsGroupByBeyondSelect());
    }

    @Override
    public boolean supportsLikeEscapeClause() throws SQLException {
        return call(() -> delegate().supportsLikeEscapeClause());
    }

    @Override
    public boolean supportsNonNullableColumns() throws SQLException {
        return call(() -> delegate().supportsNonNullableColumns());
    }

    @Override
    public boolean supportsMinimumSQLGrammar() throws SQLException {
        return call(() -> delegate().supportsMinimumSQLGrammar());
    }

    @Override
    public boolean supportsCoreSQLGrammar() throws SQLException {
        return call(() -> delegate().supportsCoreSQLGrammar());
    }

    @Override
    public boolean supportsExtendedSQLGrammar() throws SQLException {
        return call(() -> delegate().supportsExtendedSQLGrammar());
    }

    @Override
    public boolean supportsANSI92EntryLevelSQL() throws SQLException {
        return call(() -> delegate().supportsANSI92EntryLevelSQL());
    }

    @Override
    public boolean supportsANSI92IntermediateSQL() throws SQLException {
        return call(() -> delegate().supportsANSI92IntermediateSQL());
    }

    @Override
    public boolean supportsANSI92FullSQL() throws SQLException {
        return call(() -> delegate().supportsANSI92FullSQL());
    }

    @Override
    public boolean supportsIntegrityEnhancementFacility() throws SQLException {
        return call(() -> delegate().supportsIntegrityEnhancementFacility());
    }

    @Override
    public boolean supportsOuterJoins() throws SQLException {
        return call(() -> delegate().supportsOuterJoins());
    }

    @Override
    public boolean supportsFullOuterJoins() throws SQLException {
        return call(() -> delegate().supportsFullOuterJoins());
    }

    @Override
    public boolean supportsLimitedOuterJoins() throws SQLException {
        return call(() -> delegate().supportsLimitedOuterJoins());
    }

    @Override
    public boolean isCatalogAtStart() throws SQLException {
        return call(() -> delegate().isCatalogAtStart());
    }

    @Override
    public String getCatalogSeparator() throws SQLException {
        return call(() -> delegate().getCatalogSeparator());
    }

    @Override
    public boolean supportsPositionedDelete() throws SQLException {
        return call(() -> delegate().supportsPositionedDelete());
    }

    @Override
    public boolean supportsPositionedUpdate() throws SQLException {
        return call(() -> delegate().supportsPositionedUpdate());
    }

    @Override
    public boolean supportsSelectForUpdate() throws SQLException {
        return call(() -> delegate().supportsSelectForUpdate());
    }

    @Override
    public boolean supportsSubqueriesInComparisons() throws SQLException {
        return call(() -> delegate().supportsSubqueriesInComparisons());
    }

    @Override
    public boolean supportsSubqueriesInExists() throws SQLException {
        return call(() -> delegate().supportsSubqueriesInExists());
    }

    @Override
    public boolean supportsSubqueriesInIns() throws SQLException {
        return call(() -> delegate().supportsSubqueriesInIns());
    }

    @Override
    public boolean supportsSubqueriesInQuantifieds() throws SQLException {
        return call(() -> delegate().supportsSubqueriesInQuantifieds());
    }

    @Override
    public boolean supportsCorrelatedSubqueries() throws SQLException {
        return call(() -> delegate().supportsCorrelatedSubqueries());
    }

    @Override
    public boolean supportsUnion() throws SQLException {
        return call(() -> delegate().supportsUnion());
    }

    @Override
    public boolean supportsUnionAll() throws SQLException {
        return call(() -> delegate().supportsUnionAll());
    }

    @Override
    public int getMaxBinaryLiteralLength() throws SQLException {
        return call(() -> delegate().getMaxBinaryLiteralLength());
    }

    @Override
    public int getMaxCharLiteralLength() throws SQLException {
        return call(() -> delegate().getMaxCharLiteralLength());
    }

    @Override
    public int getMaxColumnNameLength() throws SQLException {
        return call(() -> delegate().getMaxColumnNameLength());
    }

    @Override
    public int getMaxColumnsInGroupBy() throws SQLException {
        return call(() -> delegate().getMaxColumnsInGroupBy());
    }

    @Override
    public int getMaxColumnsInIndex() throws SQLException {
        return call(() -> delegate().getMaxColumnsInIndex());
    }

    @Override
    public int getMaxColumnsInOrderBy() throws SQLException {
        return call(() -> delegate().getMaxColumnsInOrderBy());
    }

    @Override
    public int getMaxColumnsInSelect() throws SQLException {
        return call(() -> delegate().getMaxColumnsInSelect());
    }

    @Override
    public int getMaxColumnsInTable() throws SQLException {
        return call(() -> delegate().getMaxColumnsInTable());
    }

    @Override
    public int getMaxConnections() throws SQLException {
        return call(() -> delegate().getMaxConnections());
    }

    @Override
    public int getMaxCursorNameLength() throws SQLException {
        return call(() -> delegate().getMaxCursorNameLength());
    }

    @Override
    public int getMaxIndexLength() throws SQLException {
        return call(() -> delegate().getMaxIndexLength());
    }

    @Override
    public int getMaxSchemaNameLength() throws SQLException {
        return call(() -> delegate().getMaxSchemaNameLength());
    }

    @Override
    public int getMaxProcedureNameLength() throws SQLException {
        return call(() -> delegate().getMaxProcedureNameLength());
    }

    @Override
    public int getMaxCatalogNameLength() throws SQLException {
        return call(() -> delegate().getMaxCatalogNameLength());
    }

    @Override
    public int getMaxRowSize() throws SQLException {
        return call(() -> delegate().getMaxRowSize());
    }

    @Override
    public boolean doesMaxRowSizeIncludeBlobs() throws SQLException {
        return call(() -> delegate().doesMaxRowSizeIncludeBlobs());
    }

    @Override
    public int getMaxStatementLength() throws SQLException {
        return call(() -> delegate().getMaxStatementLength());
    }

    @Override
    public int getMaxStatements() throws SQLException {
        return call(() -> delegate().getMaxStatements());
    }

    @Override
    public int getMaxTableNameLength() throws SQLException {
        return call(() -> delegate().getMaxTableNameLength());
    }

    @Override
    public int getMaxTablesInSelect() throws SQLException {
        return call(() -> delegate().getMaxTablesInSelect());
    }

    @Override
    public int getMaxUserNameLength() throws SQLException {
        return call(() -> delegate().getMaxUserNameLength());
    }

    @Override
    public ResultSet getProcedures(String catalog, String schemaPattern, String procedureNamePattern) throws SQLException {
        return call(() -> delegate().getProcedures(catalog, schemaPattern, procedureNamePattern));
    }

    @Override
    public ResultSet getProcedureColumns(String catalog, String schemaPattern, String procedureNamePattern, String columnNamePattern) throws SQLException {
        return call(() -> delegate().getProcedureColumns(catalog, schemaPattern, procedureNamePattern, columnNamePattern));
    }

    @Override
    public ResultSet getTables(String catalog, String schemaPattern, String tableNamePattern, String[] types) throws SQLException {
        return call(() -> delegate().getTables(catalog, schemaPattern, tableNamePattern, types));
    }

    @Override
    public ResultSet getSchemas() throws SQLException {
        return call(() -> delegate().getSchemas());
    }

    @Override
    public ResultSet getColumnPrivileges(String catalog, String schema, String table, String columnNamePattern) throws SQLException {
        return call(() -> delegate().getColumnPrivileges(catalog, schema, table, columnNamePattern));
    }

    @Override
    public ResultSet getTablePrivileges(String catalog, String schemaPattern, String tableNamePattern) throws SQLException {
        return call(() -> delegate().getTablePrivileges(catalog, schemaPattern, tableNamePattern));
    }

    @Override
    public ResultSet getVersionColumns(String catalog, String schema, String table) throws SQLException {
        return call(() -> delegate().getVersionColumns(catalog, schema, table));
    }

    @Override
    public boolean ownUpdatesAreVisible(int type) throws SQLException {
        return call(() -> delegate().ownUpdatesAreVisible(type));
    }

    @Override
    public boolean ownDeletesAreVisible(int type) throws SQLException {
        return call(() -> delegate().ownDeletesAreVisible(type));
    }

    @Override
    public boolean ownInsertsAreVisible(int type) throws SQLException {
        return call(() -> delegate().ownInsertsAreVisible(type));
    }

    @Override
    public boolean othersUpdatesAreVisible(int type) throws SQLException {
        return call(() -> delegate().othersUpdatesAreVisible(type));
    }

    @Override
    public boolean othersDeletesAreVisible(int type) throws SQLException {
        return call(() -> delegate().othersDeletesAreVisible(type));
    }

    @Override
    public boolean othersInsertsAreVisible(int type) throws SQLException {
        return call(() -> delegate().othersInsertsAreVisible(type));
    }

    @Override
    public boolean updatesAreDetected(int type) throws SQLException {
        return call(() -> delegate().updatesAreDetected(type));
    }

    @Override
    public boolean deletesAreDetected(int type) throws SQLException {
        return call(() -> delegate().deletesAreDetected(type));
    }

    @Override
    public boolean insertsAreDetected(int type) throws SQLException {
        return call(() -> delegate().insertsAreDetected(type));
    }

    @Override
    public ResultSet getUDTs(String catalog, String schemaPattern, String typeNamePattern, int[] types) throws SQLException {
        return call(() -> delegate().getUDTs(catalog, schemaPattern, typeNamePattern, types));
    }

    @Override
    public ResultSet getSuperTypes(String catalog, String schemaPattern, String typeNamePattern) throws SQLException {
        return call(() -> delegate().getSuperTypes(catalog, schemaPattern, typeNamePattern));
    }

    @Override
    public ResultSet getSuperTables(String catalog, String schemaPattern, String tableNamePattern) throws SQLException {
        return call(() -> delegate().getSuperTables(catalog, schemaPattern, tableNamePattern));
    }

    @Override
    public ResultSet getAttributes(String catalog, String schemaPattern, String typeNamePattern, String attributeNamePattern) throws SQLException {
        return call(() -> delegate().getAttributes(catalog, schemaPattern, typeNamePattern, attributeNamePattern));
    }

    @Override
    public int getSQLStateType() throws SQLException {
        return call(() -> delegate().getSQLStateType());
    }

    @Override
    public boolean locatorsUpdateCopy() throws SQLException {
        return call(() -> delegate().locatorsUpdateCopy());
    }

    @Override
    public boolean supportsStatementPooling() throws SQLException {
        return call(() -> delegate().supportsStatementPooling());
    }

    @Override
    public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException {
        return call(() -> delegate().getSchemas(catalog, schemaPattern));
    }

    @Override
    public boolean supportsStoredFunctionsUsingCallSyntax() throws SQLException {
        return call(() -> delegate().supportsStoredFunctionsUsingCallSyntax());
    }

    @Override
    public ResultSet getFunctions(String catalog, String schemaPattern, String functionNamePattern) throws SQLException {
        return call(() -> delegate().getFunctions(catalog, schemaPattern, functionNamePattern));
    }

    @Override
    public ResultSet getFunctionColumns(String catalog, String schemaPattern, String functionNamePattern, String columnNamePattern) throws SQLException {
        return call(() -> delegate().getFunctionColumns(catalog, schemaPattern, functionNamePattern, columnNamePattern));
    }

    @Override
    public ResultSet getPseudoColumns(String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern) throws SQLException {
        return call(() -> delegate().getPseudoColumns(catalog, schemaPattern, tableNamePattern, columnNamePattern));
    }

    @Override
    public boolean generatedKeyAlwaysReturned() throws SQLException {
        return call(() -> delegate().generatedKeyAlwaysReturned());
    }
}
