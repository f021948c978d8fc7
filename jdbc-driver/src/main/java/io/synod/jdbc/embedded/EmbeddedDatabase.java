package io.synod.jdbc.embedded;

import io.grpc.Channel;

/** One connection's hold on an embedded database. */
public interface EmbeddedDatabase {

    /** An in-process channel to the database's SQL gateway. */
    Channel channel();

    /**
     * Ends this connection's hold. When the last hold ends the database shuts down: an in-memory
     * one is discarded, a directory is closed and can be reopened later (also by another process).
     */
    void release();
}
