package io.synod.kv.storage.lmdb;

import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.consensus.api.HardState;
import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.api.RepairFloor;
import io.synod.kv.consensus.api.Snapshot;
import io.synod.kv.consensus.api.SnapshotMeta;
import io.synod.kv.storage.CorruptionException;
import io.synod.kv.storage.LogStore;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.GetOp;
import org.lmdbjava.PutFlags;
import org.lmdbjava.Txn;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link LogStore} in one LMDB environment per node directory, with four named databases:
 * {@value #ENTRIES_DB} (key: big-endian index), {@value #STATE_DB} (hard state, the latest
 * snapshot's meta and, after a repair, the repair floor), {@value #SNAPSHOT_DB} (the snapshot's data in chunk records, key: big-endian
 * chunk number) and {@value #META_DB} (format version, node id). Every value carries a CRC32C of
 * its key and payload; a record that fails it is reported as a {@link CorruptionException}.
 *
 * <p>Durability: the environment runs with {@code MDB_NOSYNC}, so each mutator commits its own
 * transaction without an fsync and {@link #sync()} flushes everything with one fsync (group
 * commit). Readers in this process see a write as soon as its mutator returns; only after
 * {@code sync()} does it survive a power loss. LMDB documents that with {@code MDB_NOSYNC} an
 * operating-system crash between syncs may lose, or on file systems that reorder writes damage,
 * the unsynced transactions; a process crash loses nothing.
 *
 * <p>Misuse is rejected before anything is written, with the same rules as the in-memory
 * reference store: gaps, appends below the snapshot or over committed entries, compaction past
 * the last or commit index, stale or inconsistent snapshots, hard state that moves backwards.
 *
 * <p>Threads: one writer (the node's runtime thread) calls the mutators; LMDB's writer lock
 * serialises them anyway. Reads may come from any thread: each runs in its own read transaction
 * and so sees one committed state. {@link #close()} must not run concurrently with other calls.
 */
public final class LmdbLogStore implements LogStore {

    static final String ENTRIES_DB = "entries";
    static final String STATE_DB = "state";
    static final String SNAPSHOT_DB = "snapshot-data";
    static final String META_DB = "meta";
    static final int FORMAT_VERSION = 1;

    private final Path dir;
    private final LmdbOptions options;
    private final LmdbEnvironment env;
    private final Dbi<byte[]> entries;
    private final Dbi<byte[]> state;
    private final Dbi<byte[]> snapshotData;
    private final Dbi<byte[]> meta;
    /** Whether a write committed since the last sync; touched by the writer thread only. */

    private LmdbLogStore(Path dir, LmdbOptions options, LmdbEnvironment env) {
        this.dir = dir;
        this.options = options;
        this.env = env;
        this.entries = env.openDbi(ENTRIES_DB);
        this.state = env.openDbi(STATE_DB);
        this.snapshotData = env.openDbi(SNAPSHOT_DB);
        this.meta = env.openDbi(META_DB);
    }

    /**
     * Opens the store in {@code dir}, creating it if needed. A new store starts with an empty
     * log, {@link HardState#EMPTY} and a snapshot at index 0 carrying {@code bootstrapMembers};
     * for an existing store the durable state wins and {@code bootstrapMembers} is ignored.
     */
    public static LmdbLogStore open(Path dir, ConfState bootstrapMembers, LmdbOptions options) {
        LmdbEnvironment env = LmdbEnvironment.open(dir, options.mapSizeBytes(), 4, "log store",
                (operation, full) -> new StoreFullException(dir, options.mapSizeBytes(), operation, full));
        try {
            LmdbLogStore store = new LmdbLogStore(dir, options, env);
            store.initialiseOrCheck(bootstrapMembers);
            store.sync();
            return store;
        } catch (RuntimeException e) {
            env.close();
            throw e;
        }
    }

    private void initialiseOrCheck(ConfState bootstrapMembers) {
        env.write("open", txn -> {
            byte[] format = meta.get(txn, Keys.FORMAT_VERSION);
            if (format == null) {
                meta.put(txn, Keys.FORMAT_VERSION, ByteBuffer.allocate(Integer.BYTES).putInt(FORMAT_VERSION).array());
                putHardState(txn, HardState.EMPTY);
                SnapshotMeta bootstrap = new SnapshotMeta(0, 0, bootstrapMembers, 0, Checksummed.crc32c(new byte[0]));
                writeSnapshot(txn, bootstrap, new byte[0]);
            } else if (format.length != Integer.BYTES || ByteBuffer.wrap(format).getInt() != FORMAT_VERSION) {
                throw new IllegalStateException("log store in " + dir + " has an unsupported format version");
            }
            checkNodeId(txn);
        });
    }

    private void checkNodeId(Txn<byte[]> txn) {
        if (options.nodeId() == 0) {
            return;
        }
        byte[] stored = meta.get(txn, Keys.NODE_ID);
        if (stored == null) {
            meta.put(txn, Keys.NODE_ID, Keys.ofLong(options.nodeId()));
        } else if (Keys.toLong(stored) != options.nodeId()) {
            throw new IllegalStateException("log store in " + dir + " belongs to node " + Keys.toLong(stored)
                    + ", not to node " + options.nodeId());
        }
    }

    // ---- LogView -------------------------------------------------------------------------

    @Override
    public HardState hardState() {
        return env.read(this::hardState);
    }

    @Override
    public long firstIndex() {
        return env.read(txn -> snapshot(txn).meta().index() + 1);
    }

    @Override
    public long lastIndex() {
        return env.read(txn -> lastIndex(txn, snapshot(txn).meta().index()));
    }

    @Override
    public long term(long index) {
        return env.read(txn -> {
            SnapshotMeta snap = snapshot(txn).meta();
            if (index == snap.index()) {
                return snap.term();
            }
            if (index < snap.index() || index > lastIndex(txn, snap.index())) {
                return -1L;
            }
            return entry(txn, index).term();
        });
    }

    @Override
    public List<LogEntry> entries(long lo, long hi, long maxBytes) {
        if (lo >= hi) {
            throw new IllegalArgumentException("empty or inverted range [" + lo + ", " + hi + ")");
        }
        return env.read(txn -> {
            long snapIndex = snapshot(txn).meta().index();
            long last = lastIndex(txn, snapIndex);
            if (lo <= snapIndex) {
                throw new IllegalArgumentException("entries up to " + snapIndex + " are compacted; asked from " + lo);
            }
            if (hi > last + 1) {
                throw new IllegalArgumentException("entries end at " + last + "; asked up to " + (hi - 1));
            }
            List<LogEntry> out = new ArrayList<>();
            long bytes = 0;
            try (Cursor<byte[]> c = entries.openCursor(txn)) {
                boolean found = c.get(Keys.ofLong(lo), GetOp.MDB_SET_KEY);
                for (long i = lo; i < hi; i++) {
                    if (!found || Keys.toLong(c.key()) != i) {
                        throw new CorruptionException("log entry " + i + " is missing");
                    }
                    LogEntry e = decodeEntry(i, c.val());
                    if (!out.isEmpty() && bytes + e.sizeBytes() > maxBytes) {
                        break;
                    }
                    out.add(e);
                    bytes += e.sizeBytes();
                    found = c.next();
                }
            }
            return out;
        });
    }

    @Override
    public SnapshotMeta snapshotMeta() {
        return env.read(txn -> snapshot(txn).meta());
    }

    @Override
    public byte[] snapshotChunk(long offset, int maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        return env.read(txn -> {
            StoredSnapshot s = snapshot(txn);
            long size = s.meta().sizeBytes();
            if (offset < 0 || offset > size) {
                throw new IllegalArgumentException("offset " + offset + " outside snapshot of " + size + " bytes");
            }
            byte[] out = new byte[(int) Math.min(maxBytes, size - offset)];
            long chunkNo = offset / s.chunkBytes();
            int from = (int) (offset % s.chunkBytes());
            int filled = 0;
            while (filled < out.length) {
                byte[] key = Keys.ofLong(chunkNo);
                String record = "snapshot chunk " + chunkNo + " of snapshot " + s.meta().index();
                byte[] chunk = RecordCodec.decodeChunk(s, chunkNo,
                        Checksummed.open(key, snapshotData.get(txn, key), record));
                int n = Math.min(chunk.length - from, out.length - filled);
                System.arraycopy(chunk, from, out, filled, n);
                filled += n;
                from = 0;
                chunkNo++;
            }
            return out;
        });
    }

    // ---- LogStore mutators -----------------------------------------------------------------

    @Override
    public void append(List<LogEntry> newEntries) {
        if (newEntries.isEmpty()) {
            return;
        }
        checkContiguous(newEntries);
        env.write("append", txn -> append(txn, newEntries));
    }

    /** The term and the commit index never move back, and commit never passes the last index. */
    @Override
    public void setHardState(HardState hardState) {
        env.write("setHardState", txn -> setHardState(txn, hardState));
    }

    /**
     * One write transaction for all of it, so a Ready costs one LMDB commit (its pages and meta
     * page written once) instead of one per part; each part is checked as by its own mutator,
     * and a part that fails them leaves nothing of the others written.
     */
    @Override
    public void persist(Snapshot snapshot, List<LogEntry> newEntries, HardState hardState, byte[] engineState) {
        if (snapshot != null) {
            checkSnapshotData(snapshot);
        }
        if (!newEntries.isEmpty()) {
            checkContiguous(newEntries);
        }
        if (snapshot == null && newEntries.isEmpty() && hardState == null && engineState == null) {
            return;
        }
        byte[] sealedEngineState = engineState == null ? null : Checksummed.seal(Keys.ENGINE_STATE, engineState);
        env.write("persist", txn -> {
            if (snapshot != null) {
                installSnapshot(txn, snapshot.meta(), snapshot.data());
            }
            if (!newEntries.isEmpty()) {
                append(txn, newEntries);
            }
            if (hardState != null) {
                setHardState(txn, hardState);
            }
            if (sealedEngineState != null) {
                state.put(txn, Keys.ENGINE_STATE, sealedEngineState);
            }
        });
    }

    private static void checkContiguous(List<LogEntry> newEntries) {
        long first = newEntries.get(0).index();
        for (int i = 1; i < newEntries.size(); i++) {
            if (newEntries.get(i).index() != first + i) {
                throw new IllegalArgumentException("entries to append are not contiguous at " + newEntries.get(i).index());
            }
        }
    }

    private void append(Txn<byte[]> txn, List<LogEntry> newEntries) {
        long first = newEntries.get(0).index();
        long snapIndex = snapshot(txn).meta().index();
        long last = lastIndex(txn, snapIndex);
        if (first <= snapIndex || first > last + 1) {
            throw new IllegalArgumentException("append at " + first + " outside [" + (snapIndex + 1) + ", "
                    + (last + 1) + "]");
        }
        long commit = hardState(txn).commit();
        if (first <= commit) {
            throw new IllegalStateException("append at " + first + " would overwrite committed entries up to " + commit);
        }
        deleteFrom(txn, first);
        for (LogEntry e : newEntries) {
            byte[] key = Keys.ofLong(e.index());
            entries.put(txn, key, Checksummed.seal(key, RecordCodec.encodeEntry(e)), PutFlags.MDB_APPEND);
        }
    }

    private void setHardState(Txn<byte[]> txn, HardState hardState) {
        HardState current = hardState(txn);
        long last = lastIndex(txn, snapshot(txn).meta().index());
        if (hardState.term() < current.term()) {
            throw new IllegalStateException("term moves backwards: " + current.term() + " -> " + hardState.term());
        }
        if (hardState.commit() < current.commit() || hardState.commit() > last) {
            throw new IllegalStateException("bad commit " + hardState.commit() + " (was " + current.commit()
                    + ", last index " + last + ")");
        }
        putHardState(txn, hardState);
    }

    /**
     * Installs a leader's snapshot, which must be newer than the stored one and match its meta
     * (size and CRC32C checksum). If the log holds the snapshot's last entry with the same term,
     * the entries after it are kept; otherwise the whole log is discarded. The commit index is
     * raised to the snapshot index in the same transaction.
     */
    @Override
    public void installSnapshot(Snapshot snapshot) {
        checkSnapshotData(snapshot);
        env.write("installSnapshot", txn -> installSnapshot(txn, snapshot.meta(), snapshot.data()));
    }

    private static void checkSnapshotData(Snapshot snapshot) {
        SnapshotMeta m = snapshot.meta();
        if (m.sizeBytes() != snapshot.data().length || m.checksum() != Checksummed.crc32c(snapshot.data())) {
            throw new IllegalArgumentException("snapshot data does not match its meta (size or checksum)");
        }
    }

    private void installSnapshot(Txn<byte[]> txn, SnapshotMeta m, byte[] data) {
        long snapIndex = snapshot(txn).meta().index();
        if (m.index() <= snapIndex) {
            throw new IllegalArgumentException("snapshot at " + m.index() + " is not newer than " + snapIndex);
        }
        long last = lastIndex(txn, snapIndex);
        if (m.index() <= last && entry(txn, m.index()).term() == m.term()) {
            deleteThrough(txn, m.index());
        } else {
            entries.drop(txn);
        }
        writeSnapshot(txn, m, data);
        HardState hs = hardState(txn);
        if (hs.commit() < m.index()) {
            putHardState(txn, new HardState(hs.term(), hs.vote(), m.index()));
        }
    }

    /**
     * Records a local snapshot at {@code index} (its term is taken from the log, its checksum is
     * the CRC32C of the data) and drops the log through {@code index}. Requires
     * {@code snapshotIndex < index <= lastIndex} and {@code index <= commit}.
     */
    @Override
    public void compact(long index, byte[] stateMachineData, ConfState confAtIndex) {
        env.write("compact", txn -> {
            long snapIndex = snapshot(txn).meta().index();
            long last = lastIndex(txn, snapIndex);
            if (index <= snapIndex) {
                throw new IllegalArgumentException("log is already compacted through " + snapIndex + "; asked " + index);
            }
            if (index > last) {
                throw new IllegalArgumentException("cannot compact through " + index + " beyond last index " + last);
            }
            long commit = hardState(txn).commit();
            if (index > commit) {
                throw new IllegalStateException("compact at " + index + " beyond commit " + commit);
            }
            long term = entry(txn, index).term();
            deleteThrough(txn, index);
            SnapshotMeta m = new SnapshotMeta(index, term, confAtIndex, stateMachineData.length,
                    Checksummed.crc32c(stateMachineData));
            writeSnapshot(txn, m, stateMachineData);
        });
    }

    /** Kept in {@value #STATE_DB} under its own checksummed key; absent means empty. */
    @Override
    public byte[] engineState() {
        return env.read(txn -> {
            byte[] stored = state.get(txn, Keys.ENGINE_STATE);
            return stored == null ? new byte[0] : Checksummed.open(Keys.ENGINE_STATE, stored, "engine state record");
        });
    }

    @Override
    public void setEngineState(byte[] engineState) {
        byte[] sealed = Checksummed.seal(Keys.ENGINE_STATE, engineState);
        env.write("setEngineState", txn -> state.put(txn, Keys.ENGINE_STATE, sealed));
    }

    /** Kept in {@value #STATE_DB} under its own checksummed key; absent means none. */
    @Override
    public RepairFloor repairFloor() {
        return env.read(txn -> {
            byte[] stored = state.get(txn, Keys.REPAIR_FLOOR);
            return stored == null ? RepairFloor.NONE
                    : RecordCodec.decodeRepairFloor(Checksummed.open(Keys.REPAIR_FLOOR, stored, "repair floor record"));
        });
    }

    @Override
    public void beginRepair(long term, long vote, RepairFloor floor) {
        env.write("beginRepair", txn -> {
            long snapIndex = snapshot(txn).meta().index();
            long last = lastIndex(txn, snapIndex);
            if (last != 0 || snapIndex != 0) {
                throw new IllegalStateException("a repair starts from an empty store; the one in " + dir
                        + " holds entries up to " + last);
            }
            if (term < hardState(txn).term()) {
                throw new IllegalStateException("bad repair start: term " + term + " (store has "
                        + hardState(txn).term() + ")");
            }
            putHardState(txn, new HardState(term, vote, 0));
            state.put(txn, Keys.REPAIR_FLOOR, Checksummed.seal(Keys.REPAIR_FLOOR, RecordCodec.encodeRepairFloor(floor)));
        });
    }

    /**
     * Fault injection for tests of corruption handling: flips one payload byte of the stored
     * entry at {@code index} without updating its checksum, so the next read of it fails.
     */
    public void damageEntryForTesting(long index) {
        env.write("damageEntryForTesting", txn -> {
            byte[] key = Keys.ofLong(index);
            byte[] value = entries.get(txn, key);
            if (value == null) {
                throw new IllegalArgumentException("no stored entry at " + index);
            }
            byte[] damaged = value.clone();
            damaged[damaged.length - 1] ^= 0x5A;
            entries.put(txn, key, damaged);
        });
    }

    /**
     * Fault injection for tests of damage that cannot be repaired: flips one byte of the stored
     * hard state without updating its checksum, so the term and vote can no longer be read.
     */
    public void damageHardStateForTesting() {
        env.write("damageHardStateForTesting", txn -> {
            byte[] damaged = state.get(txn, Keys.HARD_STATE).clone();
            damaged[damaged.length - 1] ^= 0x5A;
            state.put(txn, Keys.HARD_STATE, damaged);
        });
    }

        /** One fsync for every write since the previous sync; free when nothing was written. */
    @Override
    public void sync() {
        env.sync();
    }

    /** Syncs outstanding writes and releases the environment. */
    @Override
    public void close() {
        env.close();
    }

    // ---- helpers (all run inside the caller's transaction) --------------------------------

    private HardState hardState(Txn<byte[]> txn) {
        return RecordCodec.decodeHardState(
                Checksummed.open(Keys.HARD_STATE, state.get(txn, Keys.HARD_STATE), "hard state record"));
    }

    private void putHardState(Txn<byte[]> txn, HardState hs) {
        state.put(txn, Keys.HARD_STATE, Checksummed.seal(Keys.HARD_STATE, RecordCodec.encodeHardState(hs)));
    }

    private StoredSnapshot snapshot(Txn<byte[]> txn) {
        return RecordCodec.decodeSnapshot(
                Checksummed.open(Keys.SNAPSHOT_META, state.get(txn, Keys.SNAPSHOT_META), "snapshot meta record"));
    }

    private long lastIndex(Txn<byte[]> txn, long snapIndex) {
        try (Cursor<byte[]> c = entries.openCursor(txn)) {
            return c.last() ? Keys.toLong(c.key()) : snapIndex;
        }
    }

    private LogEntry entry(Txn<byte[]> txn, long index) {
        byte[] key = Keys.ofLong(index);
        return decodeEntry(index, entries.get(txn, key));
    }

    private static LogEntry decodeEntry(long index, byte[] value) {
        return RecordCodec.decodeEntry(index, Checksummed.open(Keys.ofLong(index), value, "log entry " + index));
    }

    /** Deletes every entry with index {@code >= from}, walking back from the end. */
    private void deleteFrom(Txn<byte[]> txn, long from) {
        try (Cursor<byte[]> c = entries.openCursor(txn)) {
            while (c.last() && Keys.toLong(c.key()) >= from) {
                c.delete();
            }
        }
    }

    /** Deletes every entry with index {@code <= through}, walking forward from the start. */
    private void deleteThrough(Txn<byte[]> txn, long through) {
        try (Cursor<byte[]> c = entries.openCursor(txn)) {
            while (c.first() && Keys.toLong(c.key()) <= through) {
                c.delete();
            }
        }
    }

    private void writeSnapshot(Txn<byte[]> txn, SnapshotMeta m, byte[] data) {
        StoredSnapshot s = new StoredSnapshot(m, options.snapshotChunkBytes());
        snapshotData.drop(txn);
        for (long chunkNo = 0; chunkNo < s.chunkCount(); chunkNo++) {
            byte[] key = Keys.ofLong(chunkNo);
            byte[] payload = RecordCodec.encodeChunk(m.index(), data, (int) (chunkNo * s.chunkBytes()), s.chunkLength(chunkNo));
            snapshotData.put(txn, key, Checksummed.seal(key, payload), PutFlags.MDB_APPEND);
        }
        state.put(txn, Keys.SNAPSHOT_META, Checksummed.seal(Keys.SNAPSHOT_META, RecordCodec.encodeSnapshot(s)));
    }
}
