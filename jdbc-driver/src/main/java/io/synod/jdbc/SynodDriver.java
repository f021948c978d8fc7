package io.synod.jdbc;

import io.synod.jdbc.embedded.EmbeddedGateways;
import io.synod.jdbc.embedded.EmbeddedLocation;
import io.synod.jdbc.transport.GatewayTarget;
import io.synod.jdbc.transport.GatewayTransport;
import io.synod.jdbc.transport.RemoteGateways;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.BuiltInConnectionProperty;
import org.apache.calcite.avatica.ConnectionProperty;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.UnregisteredDriver;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.RemoteMetaAccess;
import org.apache.calcite.avatica.remote.Service;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * The Synod JDBC driver: {@code jdbc:synod://host:port[,host:port...]/}, {@code jdbc:synod:mem:[NAME]}
 * and {@code jdbc:synod:file:DIR} (see {@link SynodUrl}).
 *
 * <p>It is Avatica's remote JDBC client (statements, prepared statements, batches, result sets
 * fetched in frames of the statement's fetch size, metadata) over a {@link GatewayTransport}
 * that speaks gRPC to the cluster's SQL gateways and fails over between them.
 *
 * <p>Driver properties (URL parameters or connect() properties; all others go to the server):
 * {@code failover_timeout_ms} — how long to look for a reachable gateway after losing one
 * (default 15000).
 */
public final class SynodDriver extends UnregisteredDriver {

    public static final String FAILOVER_TIMEOUT_MS = "failover_timeout_ms";
    static final long DEFAULT_FAILOVER_TIMEOUT_MS = 15_000;
    /** Where the connection goes, set by connect() for createMeta(); never sent to the server. */
    static final String TARGET = "synod.target";
    private static final Set<String> PRIVATE_PROPERTIES = Set.of(TARGET, FAILOVER_TIMEOUT_MS);

    static {
        new SynodDriver().register();
    }

    public SynodDriver() {
        super();
    }

    @Override
    protected String getConnectStringPrefix() {
        return SynodUrl.PREFIX;
    }

    @Override
    protected DriverVersion createDriverVersion() {
        return DriverInfo.version();
    }

    @Override
    protected AvaticaFactory createFactory() {
        return new SynodJdbcFactory();
    }

    @Override
    protected Collection<ConnectionProperty> getConnectionProperties() {
        List<ConnectionProperty> properties = new ArrayList<>(Arrays.asList(BuiltInConnectionProperty.values()));
        properties.addAll(Arrays.asList(SynodConnectionProperty.values()));
        return properties;
    }

    @Override
    public boolean acceptsURL(String url) {
        return SynodUrl.accepts(url);
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        SynodUrl parsed = SynodUrl.parse(url, info);
        Properties properties = parsed.properties();
        properties.setProperty(TARGET, parsed.target());
        SynodConnection connection;
        try {
            connection = (SynodConnection) factory.newConnection(this, factory, url, properties);
        } catch (TargetUnavailable e) {
            throw e.sqlException;
        }
        try {
            connection.getService().apply(new Service.OpenConnectionRequest(connection.id,
                    Service.OpenConnectionRequest.serializeProperties(properties)));
            // Learn the server's session properties now, so the driver knows the transaction mode.
            connection.getAutoCommit();
        } catch (SQLException e) {
            connection.abandon();
            throw e;
        } catch (RuntimeException e) {
            connection.abandon();
            throw ErrorTranslation.translate(AvaticaConnection.HELPER.createException("cannot connect to " + url
                    + ": " + e.getMessage(), e));
        }
        handler.onConnectionInit(connection);
        return connection;
    }

    @Override
    public Meta createMeta(AvaticaConnection connection) {
        Properties properties = ((SynodConnection) connection).properties();
        GatewayTarget target = openTarget(properties.getProperty(TARGET));
        GatewayTransport transport = new GatewayTransport(connection.id, target,
                Duration.ofMillis(failoverTimeout(properties)), PRIVATE_PROPERTIES);
        SynodService service = new SynodService(transport, new ProtobufTranslationImpl());
        connection.setService(service);
        return RemoteMetaAccess.create(connection, service);
    }

    private static GatewayTarget openTarget(String target) {
        try {
            if (target.startsWith("remote:")) {
                return new RemoteGateways(List.of(target.substring("remote:".length()).split(",")));
            }
            EmbeddedLocation location = target.startsWith("mem:")
                    ? EmbeddedLocation.memory(target.substring("mem:".length()))
                    : EmbeddedLocation.file(Path.of(target.substring("file:".length())));
            return EmbeddedGateways.open(location, SynodDriver.class.getClassLoader());
        } catch (SQLException e) {
            throw new TargetUnavailable(e);
        }
    }

    private static long failoverTimeout(Properties properties) {
        String text = properties.getProperty(FAILOVER_TIMEOUT_MS);
        if (text == null) {
            return DEFAULT_FAILOVER_TIMEOUT_MS;
        }
        try {
            long millis = Long.parseLong(text.strip());
            if (millis >= 0) {
                return millis;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new TargetUnavailable(new SQLException(FAILOVER_TIMEOUT_MS + " must be a whole number of "
                + "milliseconds >= 0, got '" + text + "'", "08001"));
    }

    /** Carries a connect failure out of createMeta, which Avatica calls from a constructor. */
    private static final class TargetUnavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient SQLException sqlException;

        TargetUnavailable(SQLException e) {
            super(e.getMessage(), e, false, false);
            this.sqlException = e;
        }
    }
}
