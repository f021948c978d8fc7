package io.synod.jdbc;

import io.synod.jdbc.transport.GatewayTransport;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.ConnectionPropertiesImpl;
import org.apache.calcite.avatica.UnregisteredDriver;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * A connection to a Synod SQL gateway. Beyond Avatica's remote connection it sends session
 * changes (autocommit, read-only, isolation, schema) at once rather than with the next
 * statement, so the gateway and the failover logic always know the transaction mode, and it
 * reports server errors with their own SQLState and message (see {@link ErrorTranslation}).
 */
public final class SynodConnection extends AvaticaConnection {

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

    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        super.setTransactionIsolation(level);
        flushSessionProperties();
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

    /** A connection whose opening failed: release its transport without talking to the server. */
    void abandon() {
        transport().close();
    }
}
