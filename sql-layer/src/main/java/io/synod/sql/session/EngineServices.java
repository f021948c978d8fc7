package io.synod.sql.session;

import io.synod.sql.catalog.Catalog;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/** What a connection needs from the engine that made it (implemented by {@code SqlEngine}). */
public interface EngineServices {

    /** Runs query timeouts. */
    ScheduledExecutorService timers();

    /** The latest committed catalog (metadata answers). */
    Catalog committedCatalog();

    /**
     * The newest committed catalog the engine has read, without a store read: at least the
     * version of every plan made so far (so it describes any result those plans produce).
     */
    Catalog plannedCatalog();

    /** Whether the store answers a read within {@code timeout} (Connection.isValid). */
    boolean storeReachable(Duration timeout);

    /** The product version, e.g. {@code 0.1.0-SNAPSHOT}. */
    String version();

    /** The connection has closed: forget it. */
    void connectionClosed(SynodConnection connection);
}
