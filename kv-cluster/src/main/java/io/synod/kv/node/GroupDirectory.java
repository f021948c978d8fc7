package io.synod.kv.node;

import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.consensus.api.RepairFloor;
import io.synod.kv.runtime.ReplicaStorage;
import io.synod.kv.statemachine.KvStateMachine;
import io.synod.kv.statemachine.ReplicatedStateMachine;
import io.synod.kv.statemachine.store.LmdbStateStore;
import io.synod.kv.statemachine.store.SqliteStateStore;
import io.synod.kv.statemachine.store.StateStore;
import io.synod.kv.storage.CorruptionException;
import io.synod.kv.storage.lmdb.LmdbLogStore;
import io.synod.kv.storage.lmdb.LmdbOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A replica's storage in one directory: the LMDB log store in the directory itself and the state
 * machine's store beside it ({@value #LMDB_STATE_DIR}/ for LMDB, {@value #SQLITE_STATE_FILE} for
 * SQLite).
 *
 * <p>Storage found damaged is replaced for a repair ({@link #replaceForRepair}): the damaged
 * files move to a sibling directory ending in {@value #DAMAGED_COPY_SUFFIX} (replacing an older
 * copy) for inspection, and empty stores take their place, guarded by a {@link RepairIntent} so
 * that a crash halfway completes the repair at the next open. Damage that cannot be repaired
 * gets a {@value #DAMAGE_MARKER} file saying why; a directory with that file is refused at open,
 * so such a replica never serves or votes again by itself.
 */
public final class GroupDirectory implements ReplicaStorage {

    static final String LMDB_STATE_DIR = "state";
    static final String SQLITE_STATE_FILE = "state.sqlite";
    private static final Logger LOG = LoggerFactory.getLogger(GroupDirectory.class);
    static final String DAMAGE_MARKER = "DAMAGED";
    static final String DAMAGED_COPY_SUFFIX = ".damaged";

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
        Path marker = dir.resolve(DAMAGE_MARKER);
        if (Files.exists(marker)) {
            throw new CorruptionException("storage in " + dir + " was marked damaged (see " + marker
                    + "); remove this node from the group, move the directory away and add the node back"
                    + " so that its data is copied from the others");
        }
        GroupDirectory group = new GroupDirectory(dir, bootstrapMembers, logOptions, stateKind, stateMapSizeBytes);
        Optional<RepairIntent> unfinished = RepairIntent.read(dir);
        if (unfinished.isPresent()) {
            LOG.warn("{}: completing a repair interrupted by a crash", dir);
            group.repair(unfinished.get());
        } else {
            group.openStores();
        }
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

    /** The open log store. */
    @Override
    public LmdbLogStore logStore() {
        return log;
    }

    @Override
    public ReplicatedStateMachine stateMachine() {
        return stateMachine;
    }

    @Override
    public boolean repairable() {
        return true;
    }

    @Override
    public void replaceForRepair(long term, long vote, RepairFloor repairFloor) {
        close();
        RepairIntent intent = new RepairIntent(term, vote, repairFloor);
        intent.write(dir);
        repair(intent);
    }

    /** Moves whatever the directory holds aside and opens empty stores that keep the intent. */
    private void repair(RepairIntent intent) {
        Path aside = dir.resolveSibling(dir.getFileName() + DAMAGED_COPY_SUFFIX);
        try {
            deleteRecursively(aside);
            Files.createDirectories(aside);
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path entry : entries) {
                    if (!entry.getFileName().toString().equals(RepairIntent.FILE)) {
                        Files.move(entry, aside.resolve(entry.getFileName()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the damaged storage of " + dir + " aside", e);
        }
        openStores();
        log.beginRepair(intent.term(), intent.vote(), intent.repairFloor());
        log.sync();
        RepairIntent.remove(dir);
        LOG.warn("{}: damaged storage moved to {}; empty stores kept term {} and vote {}, repair floor {}", dir, aside,
                intent.term(), intent.vote(), intent.repairFloor());
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Override
    public String markDamaged(String reason) {
        Path marker = dir.resolve(DAMAGE_MARKER);
        String text = "Stored data failed its integrity check at " + Instant.now() + ":\n" + reason + "\n"
                + "It could not be repaired automatically, so this replica stopped. Remove the node from the group,"
                + " move this directory away and add the node back, so that its data is copied from the other"
                + " replicas.\n";
        try {
            Files.writeString(marker, text);
        } catch (IOException e) {
            LOG.error("cannot write {}: {}", marker, e.toString());
            return "Could not mark " + dir + " damaged (" + e.getMessage() + "): do not restart this node on it.";
        }
        return "Marked " + dir + " damaged (" + marker.getFileName() + "): remove this node from the group, move"
                + " the directory away and add the node back so that its data is copied from the others.";
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
