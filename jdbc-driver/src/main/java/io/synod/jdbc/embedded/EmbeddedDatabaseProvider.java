package io.synod.jdbc.embedded;

import java.sql.SQLException;

/**
 * Runs Synod inside the application's JVM for {@code jdbc:synod:mem:} and {@code jdbc:synod:file:}
 * URLs. The thin driver has no implementation; the full distribution (synod.jar) registers one
 * in {@code META-INF/services/io.synod.jdbc.embedded.EmbeddedDatabaseProvider}. Connections to an
 * embedded database go through the same Avatica protocol and gateway as remote ones, over an
 * in-process gRPC channel.
 */
public interface EmbeddedDatabaseProvider {

    /**
     * Opens the database, or joins it if this JVM has it open already, for one connection.
     *
     * @throws SQLException with SQLState 08001 if it cannot be opened (e.g. the directory is in use
     *                      by another process)
     */
    EmbeddedDatabase open(EmbeddedLocation location) throws SQLException;
}
