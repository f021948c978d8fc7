package io.synod.sql.gateway;

import io.synod.jdbc.meta.MetadataCall;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.jdbc.StatementInfo;
import org.apache.calcite.avatica.jdbc.StatementInfoAccess;
import org.apache.calcite.avatica.metrics.noop.NoopMetricsSystem;

import java.sql.Connection;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Avatica's {@link JdbcMeta} over connections from a {@link ConnectionFactory} instead of
 * {@code DriverManager}, with hard limits instead of silent eviction.
 *
 * <p>JdbcMeta keeps connections and statements in caches that close idle entries (our idle
 * timeouts) and evict the least recently used ones when full. Eviction would close a live
 * connection under its client, so the caches are made effectively unbounded and the limits
 * are enforced here, refusing the new connection or statement with a clear SQLState.
 */
final class GatewayMeta extends JdbcMeta {

    /** Prefix of Avatica's own settings, which must not reach the SQL engine as connection properties. */
    private static final String AVATICA_SETTINGS = "avatica.";
    /** Ids start anywhere in [1, 2^30] and count up, far from overflowing. */
    private static final int FIRST_ID_RANGE = 1 << 30;
    private static final String UNBOUNDED = Integer.toString(Integer.MAX_VALUE);

    private final ConnectionFactory factory;
    private final GatewayConfig config;
    private final Object openLock = new Object();
    /**
     * Restores (write) exclude id allocation (read), so a new statement never takes an id a
     * restore just claimed. Gateways' id ranges start far apart, so the generator reaching a
     * restored id at all takes hundreds of millions of statements.
     */
    private final ReadWriteLock idLock = new ReentrantReadWriteLock();

    GatewayMeta(ConnectionFactory factory, GatewayConfig config) throws SQLException {
        super("jdbc:synod:gateway:" + config.gatewayId(), cacheSettings(config), NoopMetricsSystem.getInstance());
        this.factory = factory;
        this.config = config;
        // Statement ids must not repeat across gateways: a client failing over re-creates its
        // statements under their old ids (restoreStatement).
        getStatementIdGenerator().set(1 + new SecureRandom().nextInt(FIRST_ID_RANGE));
    }

    private static Properties cacheSettings(GatewayConfig config) {
        Properties p = new Properties();
        p.setProperty(ConnectionCacheSettings.MAX_CAPACITY.key(), UNBOUNDED);
        p.setProperty(ConnectionCacheSettings.EXPIRY_DURATION.key(),
                Long.toString(config.connectionIdleTimeout().toMillis()));
        p.setProperty(ConnectionCacheSettings.EXPIRY_UNIT.key(), TimeUnit.MILLISECONDS.name());
        p.setProperty(StatementCacheSettings.MAX_CAPACITY.key(), UNBOUNDED);
        p.setProperty(StatementCacheSettings.EXPIRY_DURATION.key(),
                Long.toString(config.statementIdleTimeout().toMillis()));
        p.setProperty(StatementCacheSettings.EXPIRY_UNIT.key(), TimeUnit.MILLISECONDS.name());
        return p;
    }

    @Override
    public void openConnection(ConnectionHandle ch, Map<String, String> info) {
        synchronized (openLock) {
            if (openConnections() >= config.maxConnections()) {
                throw GatewayErrors.error("gateway " + config.gatewayId() + " has reached its limit of "
                        + config.maxConnections() + " open connections; close idle connections or use another node",
                        0, "08004", null);
            }
            // A driver that failed over away from this gateway and back replays OpenConnection
            // under the id this gateway still holds: the client's session starts over, so the stale
            // server-side connection (and any transaction it held) is closed and opened afresh.
            if (getConnectionCache().getIfPresent(ch.id) != null) {
                closeConnection(ch);
            }
            super.openConnection(ch, info);
        }
    }

    @Override
    protected Connection createConnection(String url, Properties info) throws SQLException {
        Properties clientInfo = new Properties();
        for (String key : info.stringPropertyNames()) {
            if (!key.startsWith(AVATICA_SETTINGS)) {
                clientInfo.setProperty(key, info.getProperty(key));
            }
        }
        return factory.open(clientInfo);
    }

    @Override
    public StatementHandle createStatement(ConnectionHandle ch) {
        checkStatementLimit();
        idLock.readLock().lock();
        try {
            skipUsedIds();
            return super.createStatement(ch);
        } finally {
            idLock.readLock().unlock();
        }
    }

    @Override
    public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
        checkStatementLimit();
        idLock.readLock().lock();
        try {
            skipUsedIds();
            return super.prepare(ch, sql, maxRowCount);
        } finally {
            idLock.readLock().unlock();
        }
    }

    /**
     * Re-creates a statement a client held on another gateway under the id it had there. Gateways
     * hand out ids from a random start (see {@link #GatewayMeta}), so a clash is unlikely but
     * possible; it is refused rather than overwriting another client's statement.
     *
     * @param sql null for a plain statement, else the SQL to prepare
     */
    StatementHandle restoreStatement(String connectionId, int statementId, String sql, long maxRowCount) {
        checkStatementLimit();
        try {
            Connection connection = getConnection(connectionId);
            Statement statement = sql == null ? connection.createStatement() : connection.prepareStatement(sql);
            Signature signature = null;
            if (statement instanceof PreparedStatement prepared) {
                if (maxRowCount > 0) {
                    prepared.setLargeMaxRows(maxRowCount);
                }
                signature = signature(prepared.getMetaData(), prepared.getParameterMetaData(), sql, null);
            }
            idLock.writeLock().lock();
            try {
                if (getStatementCache().asMap().putIfAbsent(statementId, new StatementInfo(statement)) != null) {
                    statement.close();
                    throw GatewayErrors.error("statement id " + statementId + " is already in use on gateway "
                            + config.gatewayId(), 0, "08006", null);
                }
                skipUsedIds();
            } finally {
                idLock.writeLock().unlock();
            }
            return new StatementHandle(connectionId, statementId, signature);
        } catch (SQLException e) {
            throw new RuntimeException(e);
        }
    }

    /**
     * Runs SQL; a {@link MetadataCall} the driver sends for a DatabaseMetaData question Avatica's
     * protocol cannot carry is answered from the server-side connection's DatabaseMetaData.
     */
    @Override
    public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount, int maxRowsInFirstFrame,
                                           PrepareCallback callback) throws NoSuchStatementException {
        Optional<MetadataCall> metadataCall;
        try {
            metadataCall = MetadataCall.parse(sql);
        } catch (SQLException e) {
            throw new RuntimeException(e);
        }
        if (metadataCall.isEmpty()) {
            return super.prepareAndExecute(h, sql, maxRowCount, maxRowsInFirstFrame, callback);
        }
        StatementInfo info = getStatementCache().getIfPresent(h.id);
        if (info == null) {
            throw new NoSuchStatementException(h);
        }
        try {
            ResultSet answer = metadataCall.get().invoke(getConnection(h.connectionId).getMetaData());
            return new ExecuteResult(List.of(
                    StatementInfoAccess.answer(h.connectionId, h.id, info, answer, maxRowsInFirstFrame)));
        } catch (SQLException e) {
            throw new RuntimeException(e);
        }
    }

    /** Keeps the id generator off ids taken by restored statements. */
    private void skipUsedIds() {
        while (getStatementCache().asMap().containsKey(getStatementIdGenerator().get())) {
            getStatementIdGenerator().incrementAndGet();
        }
    }

    private void checkStatementLimit() {
        if (getStatementCache().size() >= config.maxStatements()) {
            getStatementCache().cleanUp();
            if (getStatementCache().size() >= config.maxStatements()) {
                throw GatewayErrors.error("gateway " + config.gatewayId() + " has reached its limit of "
                        + config.maxStatements() + " open statements; close statements you no longer use",
                        0, "53000", null);
            }
        }
    }

    /**
     * Cancels a running statement of {@code connectionId}; false if this gateway does not know the
     * statement or it belongs to another connection.
     */
    boolean cancel(String connectionId, int statementId) throws SQLException {
        Connection connection = getConnectionCache().getIfPresent(connectionId);
        StatementInfo info = getStatementCache().getIfPresent(statementId);
        if (connection == null || info == null) {
            return false;
        }
        Statement statement = StatementInfoAccess.statement(info);
        if (statement.getConnection() != connection) {
            return false;
        }
        statement.cancel();
        return true;
    }

    int openConnections() {
        getConnectionCache().cleanUp();
        return (int) getConnectionCache().size();
    }

    /** Closes every connection (and with it its statements and open transaction). */
    void closeAll() {
        for (String id : List.copyOf(getConnectionCache().asMap().keySet())) {
            closeConnection(new ConnectionHandle(id));
        }
        getStatementCache().invalidateAll();
        getConnectionCache().invalidateAll();
    }
}
