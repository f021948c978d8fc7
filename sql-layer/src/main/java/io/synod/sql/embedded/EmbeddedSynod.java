package io.synod.sql.embedded;

import io.synod.jdbc.embedded.EmbeddedDatabase;
import io.synod.jdbc.embedded.EmbeddedDatabaseProvider;
import io.synod.jdbc.embedded.EmbeddedLocation;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code jdbc:synod:mem:} and {@code jdbc:synod:file:DIR}: a single-node Synod cluster inside the
 * application's JVM (one Raft voter with its state on disk, its SQL gateway reached through an
 * in-process gRPC channel, so connections behave exactly as remote ones). One instance per
 * location, shared by its connections and shut down when the last one closes (and at JVM exit):
 * a {@code mem:} database is then deleted, a {@code file:} one stays for the next open.
 */
public final class EmbeddedSynod implements EmbeddedDatabaseProvider {

    private static final Map<String, EmbeddedInstance> OPEN = new HashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedSynod::closeAll, "synod-embedded-shutdown"));
    }

    @Override
    public EmbeddedDatabase open(EmbeddedLocation location) throws SQLException {
        // An unnamed mem: database belongs to one connection.
        String key = location.inMemory()
                ? "mem:" + (location.memoryName().isEmpty() ? "private-" + UUID.randomUUID() : location.memoryName())
                : "file:" + location.directory();
        synchronized (OPEN) {
            EmbeddedInstance instance = OPEN.get(key);
            if (instance == null) {
                Path dir = location.inMemory() ? null : location.directory();
                instance = EmbeddedInstance.start(key, dir, () -> {
                    synchronized (OPEN) {
                        OPEN.remove(key);
                    }
                });
                OPEN.put(key, instance);
            }
            return instance.hold();
        }
    }

    private static void closeAll() {
        Map<String, EmbeddedInstance> open;
        synchronized (OPEN) {
            open = new HashMap<>(OPEN);
            OPEN.clear();
        }
        open.values().forEach(EmbeddedInstance::shutDown);
    }
}
