package io.synod.kv.storage.lmdb;

import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.Txn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One LMDB environment with group commit: write transactions commit without an fsync
 * (MDB_NOSYNC) and {@link #sync()} makes all of them durable with one. A process crash loses
 * nothing; a machine crash loses at most what was written since the last sync. Single writer;
 * reads from any thread (MDB_NOTLS).
 */
public final class LmdbEnvironment implements AutoCloseable {

    /** Turns "the map is full" during {@code operation} into the store's own error. */
    @FunctionalInterface
    public interface MapFullHandler {
        RuntimeException mapFull(String operation, Env.MapFullException cause);
    }

    private final Env<byte[]> env;
    private final MapFullHandler onMapFull;
    private boolean unsynced;

    private LmdbEnvironment(Env<byte[]> env, MapFullHandler onMapFull) {
        this.env = env;
        this.onMapFull = onMapFull;
    }

    /** Opens (creating if needed) the environment in {@code dir}; {@code what} names it in errors. */
    public static LmdbEnvironment open(Path dir, long mapSizeBytes, int maxDbs, String what,
                                       MapFullHandler onMapFull) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + what + " directory " + dir, e);
        }
        // A byte[] proxy copies through the native layer and needs no reflective access to
        // java.nio internals, so no --add-opens flags are required on Java 17.
        Env<byte[]> env = Env.create(PinnedByteArrayProxy.INSTANCE)
                .setMapSize(mapSizeBytes)
                .setMaxDbs(maxDbs)
                .open(dir.toFile(), EnvFlags.MDB_NOSYNC, EnvFlags.MDB_NOTLS);
        return new LmdbEnvironment(env, onMapFull);
    }

    public Dbi<byte[]> openDbi(String name) {
        return env.openDbi(name, DbiFlags.MDB_CREATE);
    }

    public int maxKeySize() {
        return env.getMaxKeySize();
    }

    /** Runs {@code body} in one write transaction and commits it (durable at the next sync). */
    public void write(String operation, Consumer<Txn<byte[]>> body) {
        try (Txn<byte[]> txn = env.txnWrite()) {
            body.accept(txn);
            txn.commit();
        } catch (Env.MapFullException e) {
            throw onMapFull.mapFull(operation, e);
        }
        unsynced = true;
    }

    public <R> R read(Function<Txn<byte[]>, R> body) {
        try (Txn<byte[]> txn = env.txnRead()) {
            return body.apply(txn);
        }
    }

    /** A read transaction the caller closes: a consistent view for as long as it is open. */
    public Txn<byte[]> txnRead() {
        return env.txnRead();
    }

    /** One fsync for every write since the previous sync; free when nothing was written. */
    public void sync() {
        if (unsynced) {
            env.sync(true);
            unsynced = false;
        }
    }

    /** Syncs outstanding writes and releases the environment; a second call does nothing. */
    @Override
    public void close() {
        if (env.isClosed()) {
            return;
        }
        try {
            sync();
        } finally {
            env.close();
        }
    }
}
