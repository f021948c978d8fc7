package io.synod.kv.node;

import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.runtime.ReplicaStorage;
import io.synod.kv.statemachine.KvStateMachine;
import io.synod.kv.statemachine.ReplicatedStateMachine;
import io.synod.kv.statemachine.store.LmdbStateStore;
import io.synod.kv.statemachine.store.SqliteStateStore;
import io.synod.kv.statemachine.store.StateStore;
import io.synod.kv.storage.lmdb.LmdbLogStore;
import io.synod.kv.storage.lmdb.LmdbOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A replica's storage in one directory: the LMDB log store in the directory itself and the state
 * machine's store beside it ({@value #LMDB_STATE_DIR}/ for LMDB, {@value #SQLITE_STATE_FILE} for
 * SQLite). Damaged storage is renamed to {@code <dir>.corrupt-<UTC time>} and replaced by new
 * stores bootstrapped with {@code bootstrapMembers}, the membership the group was created with.
 */
public final class GroupDirectory implements ReplicaStorage {

    static final String LMDB_STATE_DIR = "state";
    static final String SQLITE_STATE_FILE = "state.sqlite";
    private static final Logger LOG = LoggerFactory.getLogger(GroupDirectory.class);
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private final Path dir;
    private final ConfState bootstrapMembers;
    private final LmdbOptions logOptions;
    private final StateStoreKind stateKind;
    private final long stateMapSizeBytes;
    private LmdbLogStore log;
    private KvStateMachine stateMachine;

    private GroupDirectory(Path dir, ConfState bootstrapMembers, LmdbOptions logOptions, StateStoreKind stateKind,
                           long stateMapSizeBytes) {
        this.dir = dir;
        this.bootstrapMembers = bootstrapMembers;
        this.logOptions = logOptions;
        this.stateKind = stateKind;
        this.stateMapSizeBytes = stateMapSizeBytes;
    }

    /** Opens (creating if needed) both stores in {@code dir}. */
    public static GroupDirectory open(Path dir, ConfState bootstrapMembers, LmdbOptions logOptions,
                                      StateStoreKind stateKind, long stateMapSizeBytes) {
        GroupDirectory group = new GroupDirectory(dir, bootstrapMembers, logOptions, stateKind, stateMapSizeBytes);
        group.openStores();
        return group;
    }

    private void openStores() {
        log = LmdbLogStore.open(dir, bootstrapMembers, logOptions);
        try {
            stateMachine = new KvStateMachine(openStateStore());
        } catch (RuntimeException e) {
            log.close();
            throw e;
        }
    }

    private StateStore openStateStore() {
        return switch (stateKind) {
            case LMDB -> LmdbStateStore.open(dir.resolve(LMDB_STATE_DIR), stateMapSizeBytes);
            case SQLITE -> SqliteStateStore.open(dir.resolve(SQLITE_STATE_FILE));
        };
    }

    /** The open log store (replaced by {@link #replaceDamaged()}). */
    @Override
    public LmdbLogStore logStore() {
        return log;
    }

    @Override
    public ReplicatedStateMachine stateMachine() {
        return stateMachine;
    }

    @Override
    public String replaceDamaged() {
        closeQuietly();
        Path aside = dir.resolveSibling(dir.getFileName() + ".corrupt-"
                + SUFFIX.format(ZonedDateTime.now(ZoneOffset.UTC)));
        try {
            Files.move(dir, aside);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move damaged storage " + dir + " aside", e);
        }
        openStores();
        return aside.toString();
    }

    /** Closing damaged stores may fail on the damage itself; the files are moved aside anyway. */
    private void closeQuietly() {
        try {
            stateMachine.close();
        } catch (RuntimeException e) {
            LOG.warn("closing damaged state store: {}", e.toString());
        }
        try {
            log.close();
        } catch (RuntimeException e) {
            LOG.warn("closing damaged log store: {}", e.toString());
        }
    }

    @Override
    public void close() {
        try {
            stateMachine.close();
        } finally {
            log.close();
        }
    }
}
