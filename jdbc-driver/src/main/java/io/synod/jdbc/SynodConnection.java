package io.synod.jdbc;

import io.synod.jdbc.transport.GatewayTransport;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.ConnectionPropertiesImpl;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.UnregisteredDriver;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Savepoint;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * A connection to a Synod SQL gateway. Beyond Avatica's remote connection it sends session
 * changes (autocommit, read-only, isolation, schema) at once rather than with the next
 * statement, so the gateway and the failover logic always know the transaction mode, and it
 * reports server errors with their own SQLState and message (see {@link ErrorTranslation}).
 * Isolation levels behave as the engine runs them: every transaction is serializable.
 */
public final class SynodConnection extends AvaticaConnection {

    private Map<Meta.DatabaseProperty, Object> serverProperties;
    private SQLWarning warnings;
    private int savepointIds;

    SynodConnection(UnregisteredDriver driver, AvaticaFactory factory, String url, Properties info) {
        super(driver, factory, url, info);
    }

    Properties properties() {
        return info;
    }

    GatewayTransport transport() {
        return ((SynodService) getService()).transport();
    }

    /** The gateway currently serving this connection ("host:port", or the embedded database). */
    public String currentGateway() {
        return transport().currentGateway();
    }

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        super.setAutoCommit(autoCommit);
        flushSessionProperties();
    }

    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        super.setReadOnly(readOnly);
        flushSessionProperties();
    }

    /**
     * Synod runs only SERIALIZABLE: a lower level is upgraded (JDBC allows a stricter level) and
     * the connection warns, so getTransactionIsolation never reports a level that is not in force.
     */
    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        switch (level) {
            case TRANSACTION_SERIALIZABLE -> {
            }
            case TRANSACTION_READ_UNCOMMITTED, TRANSACTION_READ_COMMITTED, TRANSACTION_REPEATABLE_READ ->
                    warn(new SQLWarning("transaction isolation level " + level
                            + " was upgraded to SERIALIZABLE, the only level Synod runs", "01000"));
            default -> throw new SQLException("not a transaction isolation level: " + level, "22023");
        }
        super.setTransactionIsolation(TRANSACTION_SERIALIZABLE);
        flushSessionProperties();
    }

    private void warn(SQLWarning warning) {
        if (warnings == null) {
            warnings = warning;
        } else {
            warnings.setNextWarning(warning);
        }
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return warnings;
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
        warnings = null;
    }

    /** A fact the server states about itself (product version...), asked once per connection. */
    Object serverProperty(Meta.DatabaseProperty property) throws SQLException {
        checkOpen();
        if (serverProperties == null) {
            serverProperties = translated("cannot read the server's properties",
                    () -> meta.getDatabaseProperties(handle));
        }
        return serverProperties.get(property);
    }


    @Override
    public void setSchema(String schema) throws SQLException {
        super.setSchema(schema);
        flushSessionProperties();
    }

    @Override
    public void setCatalog(String catalog) throws SQLException {
        super.setCatalog(catalog);
        flushSessionProperties();
    }

    /** Avatica's remote Meta sends changed properties when asked for them with an empty request. */
    private void flushSessionProperties() throws SQLException {
        translated("cannot change the session", () -> meta.connectionSync(handle, new ConnectionPropertiesImpl()));
    }

    @Override
    public void commit() throws SQLException {
        translated("commit failed", () -> {
            super.commit();
            return null;
        });
    }

    @Override
    public void rollback() throws SQLException {
        translated("rollback failed", () -> {
            super.rollback();
            return null;
        });
    }

    @Override
    public AvaticaStatement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability)
            throws SQLException {
        return translated("cannot create a statement",
                () -> super.createStatement(resultSetType, resultSetConcurrency, resultSetHoldability));
    }

    /** Runs {@code call} with server errors translated; an unchecked failure becomes a SQLException "WHAT: message". */
    private <T> T translated(String what, ErrorTranslation.SqlCall<T> call) throws SQLException {
        return ErrorTranslation.translate(() -> {
            try {
                return call.call();
            } catch (RuntimeException e) {
                throw HELPER.createException(what + ": " + e.getMessage(), e);
            }
        });
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency,
                                              int resultSetHoldability) throws SQLException {
        return ErrorTranslation.translate(
                () -> super.prepareStatement(sql, resultSetType, resultSetConcurrency, resultSetHoldability));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        GeneratedKeys.refuse(autoGeneratedKeys);
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        throw GeneratedKeys.unsupported();
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        throw GeneratedKeys.unsupported();
    }

    @Override
    public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
        super.setNetworkTimeout(executor, milliseconds);
        transport().networkTimeout(milliseconds);
    }

    @Override
    public void close() throws SQLException {
        if (isClosed()) {
            return;
        }
        try {
            ErrorTranslation.translate(() -> {
                super.close();
                return null;
            });
        } finally {
            transport().close();
        }
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        SynodSavepoint savepoint = SynodSavepoint.unnamed(++savepointIds);
        runSql("SAVEPOINT " + savepoint.sqlName());
        return savepoint;
    }

    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        SynodSavepoint savepoint = SynodSavepoint.named(name);
        runSql("SAVEPOINT " + savepoint.sqlName());
        return savepoint;
    }

    @Override
    public void rollback(Savepoint savepoint) throws SQLException {
        runSql("ROLLBACK TO SAVEPOINT " + own(savepoint).sqlName());
    }

    @Override
    public void releaseSavepoint(Savepoint savepoint) throws SQLException {
        runSql("RELEASE SAVEPOINT " + own(savepoint).sqlName());
    }

    private static SynodSavepoint own(Savepoint savepoint) throws SQLException {
        if (savepoint instanceof SynodSavepoint s) {
            return s;
        }
        throw new SQLException("not a savepoint of this driver: " + savepoint, "3B001");
    }

    /** Savepoints are SQL statements the gateway's session runs (they need a transaction: 25P01 in autocommit). */
    private void runSql(String sql) throws SQLException {
        try (java.sql.Statement statement = createStatement()) {
            statement.execute(sql);
        }
    }

    /** A connection whose opening failed: release its transport without talking to the server. */
    void abandon() {
        transport().close();
    }
}
