package io.synod.kv.storage.lmdb;

import java.nio.file.Path;

/** A write did not fit into the LMDB map; the write was rolled back and nothing else changed. */
public final class StoreFullException extends RuntimeException {

    StoreFullException(Path dir, long mapSizeBytes, String operation, Throwable cause) {
        super("log store in " + dir + " is full (map size " + mapSizeBytes + " bytes) during " + operation
                + "; compact the log or raise LmdbOptions.mapSizeBytes", cause);
    }
}
