package io.synod.jdbc;

import io.synod.jdbc.meta.MetadataCall;
import org.apache.calcite.avatica.AvaticaDatabaseMetaData;
import org.apache.calcite.avatica.Meta.DatabaseProperty;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * DatabaseMetaData as the engine answers it. Avatica's remote client hard-codes many answers
 * (no transactions, read-only, catalogs everywhere) and its protocol carries only tables,
 * columns, schemas, catalogs, table types and type info; keys, indexes, functions and the other
 * catalog questions would come back empty. Those are asked of the server-side connection with
 * {@link MetadataCall}, and the fixed facts below are Synod's (the engine's own DatabaseMetaData
 * gives the same answers; a test compares the two).
 */
final class SynodDatabaseMetaData extends AvaticaDatabaseMetaData {

    private final SynodConnection connection;

    SynodDatabaseMetaData(SynodConnection connection) {
        super(connection);
        this.connection = connection;
    }

    private ResultSet ask(String method, Object... args) throws SQLException {
        Statement statement = connection.createStatement();
        try {
            statement.closeOnCompletion();
            return statement.executeQuery(MetadataCall.sql(method, args));
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    // ------------------------------------------------------------------ the server's product

    @Override
    public String getDatabaseProductVersion() throws SQLException {
        return (String) connection.serverProperty(DatabaseProperty.GET_DATABASE_PRODUCT_VERSION);
    }

    @Override
    public int getDatabaseMajorVersion() throws SQLException {
        return (Integer) connection.serverProperty(DatabaseProperty.GET_DATABASE_MAJOR_VERSION);
    }

    @Override
    public int getDatabaseMinorVersion() throws SQLException {
        return (Integer) connection.serverProperty(DatabaseProperty.GET_DATABASE_MINOR_VERSION);
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        return connection.isReadOnly();
    }

    // ------------------------------------------------------------------ identifiers and catalogs

    @Override
    public boolean storesMixedCaseQuotedIdentifiers() {
        return true;
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
    public boolean supportsSchemasInProcedureCalls() {
        return false;
    }

    @Override
    public boolean supportsSchemasInPrivilegeDefinitions() {
        return false;
    }

    // ------------------------------------------------------------------ transactions

    @Override
    public boolean supportsTransactions() {
        return true;
    }

    /** Synod runs every transaction serializable (lower levels asked for are upgraded, with a warning). */
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
    public boolean supportsSavepoints() {
        return true;
    }

    @Override
    public boolean supportsOpenStatementsAcrossCommit() {
        return true;
    }

    @Override
    public boolean supportsOpenStatementsAcrossRollback() {
        return true;
    }

    // ------------------------------------------------------------------ result sets

    @Override
    public int getResultSetHoldability() {
        return ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public boolean supportsResultSetHoldability(int holdability) {
        return holdability == ResultSet.CLOSE_CURSORS_AT_COMMIT;
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

    // ------------------------------------------------------------------ asked of the server

    @Override
    public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
        return ask("getPrimaryKeys", catalog, schema, table);
    }

    @Override
    public ResultSet getIndexInfo(String catalog, String schema, String table, boolean unique, boolean approximate)
            throws SQLException {
        return ask("getIndexInfo", catalog, schema, table, unique, approximate);
    }

    @Override
    public ResultSet getImportedKeys(String catalog, String schema, String table) throws SQLException {
        return ask("getImportedKeys", catalog, schema, table);
    }

    @Override
    public ResultSet getExportedKeys(String catalog, String schema, String table) throws SQLException {
        return ask("getExportedKeys", catalog, schema, table);
    }

    @Override
    public ResultSet getCrossReference(String parentCatalog, String parentSchema, String parentTable,
                                       String foreignCatalog, String foreignSchema, String foreignTable)
            throws SQLException {
        return ask("getCrossReference", parentCatalog, parentSchema, parentTable, foreignCatalog, foreignSchema,
                foreignTable);
    }

    @Override
    public ResultSet getBestRowIdentifier(String catalog, String schema, String table, int scope, boolean nullable)
            throws SQLException {
        return ask("getBestRowIdentifier", catalog, schema, table, scope, nullable);
    }

    @Override
    public ResultSet getVersionColumns(String catalog, String schema, String table) throws SQLException {
        return ask("getVersionColumns", catalog, schema, table);
    }

    @Override
    public ResultSet getFunctions(String catalog, String schemaPattern, String functionNamePattern)
            throws SQLException {
        return ask("getFunctions", catalog, schemaPattern, functionNamePattern);
    }

    @Override
    public ResultSet getFunctionColumns(String catalog, String schemaPattern, String functionNamePattern,
                                        String columnNamePattern) throws SQLException {
        return ask("getFunctionColumns", catalog, schemaPattern, functionNamePattern, columnNamePattern);
    }

    @Override
    public ResultSet getProcedures(String catalog, String schemaPattern, String procedureNamePattern)
            throws SQLException {
        return ask("getProcedures", catalog, schemaPattern, procedureNamePattern);
    }

    @Override
    public ResultSet getProcedureColumns(String catalog, String schemaPattern, String procedureNamePattern,
                                         String columnNamePattern) throws SQLException {
        return ask("getProcedureColumns", catalog, schemaPattern, procedureNamePattern, columnNamePattern);
    }

    @Override
    public ResultSet getTablePrivileges(String catalog, String schemaPattern, String tableNamePattern)
            throws SQLException {
        return ask("getTablePrivileges", catalog, schemaPattern, tableNamePattern);
    }

    @Override
    public ResultSet getColumnPrivileges(String catalog, String schema, String table, String columnNamePattern)
            throws SQLException {
        return ask("getColumnPrivileges", catalog, schema, table, columnNamePattern);
    }

    @Override
    public ResultSet getUDTs(String catalog, String schemaPattern, String typeNamePattern, int[] types)
            throws SQLException {
        return ask("getUDTs", catalog, schemaPattern, typeNamePattern, types);
    }

    @Override
    public ResultSet getSuperTypes(String catalog, String schemaPattern, String typeNamePattern) throws SQLException {
        return ask("getSuperTypes", catalog, schemaPattern, typeNamePattern);
    }

    @Override
    public ResultSet getSuperTables(String catalog, String schemaPattern, String tableNamePattern)
            throws SQLException {
        return ask("getSuperTables", catalog, schemaPattern, tableNamePattern);
    }

    @Override
    public ResultSet getAttributes(String catalog, String schemaPattern, String typeNamePattern,
                                   String attributeNamePattern) throws SQLException {
        return ask("getAttributes", catalog, schemaPattern, typeNamePattern, attributeNamePattern);
    }

    @Override
    public ResultSet getPseudoColumns(String catalog, String schemaPattern, String tableNamePattern,
                                      String columnNamePattern) throws SQLException {
        return ask("getPseudoColumns", catalog, schemaPattern, tableNamePattern, columnNamePattern);
    }

    @Override
    public ResultSet getClientInfoProperties() throws SQLException {
        return ask("getClientInfoProperties");
    }
}
