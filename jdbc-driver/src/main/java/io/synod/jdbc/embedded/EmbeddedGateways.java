package io.synod.jdbc.embedded;

import io.grpc.Channel;
import io.synod.jdbc.transport.GatewayTarget;

import java.sql.SQLException;
import java.util.List;
import java.util.ServiceLoader;

/** The single in-process gateway of an embedded database, as a connection's gateway target. */
public final class EmbeddedGateways implements GatewayTarget {

    private final EmbeddedLocation location;
    private final EmbeddedDatabase database;
    private boolean closed;

    private EmbeddedGateways(EmbeddedLocation location, EmbeddedDatabase database) {
        this.location = location;
        this.database = database;
    }

    /** Finds the embedded implementation on the class path and opens the database. */
    public static EmbeddedGateways open(EmbeddedLocation location, ClassLoader loader) throws SQLException {
        for (EmbeddedDatabaseProvider provider : ServiceLoader.load(EmbeddedDatabaseProvider.class, loader)) {
            return new EmbeddedGateways(location, provider.open(location));
        }
        throw new SQLException("jdbc:synod:" + location.describe() + " runs a database inside this JVM, which needs "
                + "synod.jar on the class path; the thin driver synod-jdbc.jar only connects to running servers "
                + "(jdbc:synod://host:port/)", "08001");
    }

    @Override
    public List<String> names() {
        return List.of(location.describe());
    }

    @Override
    public Channel channel(int index) {
        return database.channel();
    }

    @Override
    public void reconnectNow(int index) {
        // In-process: nothing to reconnect.
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            database.release();
        }
    }
}
