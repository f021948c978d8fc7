package io.synod.kv.storage.mem;

import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.consensus.api.HardState;
import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.api.RepairFloor;
import io.synod.kv.consensus.api.Snapshot;
import io.synod.kv.consensus.api.SnapshotMeta;
import io.synod.kv.storage.LogStore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * The reference in-memory durable store: hard state, a log that starts right after the latest
 * snapshot, and that snapshot. Tests and the simulator use it as "the disk" of a replica; the
 * mutators are what a runtime does with a {@link io.synod.kv.consensus.api.Ready}.
 */
public final class MemoryLogStore implements LogStore {

    private HardState hardState = HardState.EMPTY;
    private RepairFloor repairFloor = RepairFloor.NONE;
    private SnapshotMeta snapshotMeta;
    private byte[] snapshotData;
    private byte[] engineState = new byte[0];
    /** entries.get(i) has index snapshotMeta.index() + 1 + i. */
    private final ArrayList<LogEntry> entries;

    /**
     * A fresh store whose bootstrap snapshot (index 0, term 0) carries the group's initial
     * members. A replica that joins the group later bootstraps with the same initial members:
     * its membership then follows from them and the CONF_CHANGE entries it receives.
     */
    public MemoryLogStore(ConfState bootstrapMembers) {
        Objects.requireNonNull(bootstrapMembers, "bootstrapMembers");
        this.snapshotData = new byte[0];
        this.snapshotMeta = new SnapshotMeta(0, 0, bootstrapMembers, 0, checksum(snapshotData));
        this.entries = new ArrayList<>();
    }

    private MemoryLogStore(MemoryLogStore other) {
        this.hardState = other.hardState;
        this.repairFloor = other.repairFloor;
        this.snapshotMeta = other.snapshotMeta;
        this.snapshotData = other.snapshotData;
        this.engineState = other.engineState;
        this.entries = new ArrayList<>(other.entries);
    }

    /** CRC32C of snapshot data, the checksum recorded in {@link SnapshotMeta#checksum()}. */
    public static int checksum(byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        return (int) crc.getValue();
    }

    /** An independent copy of the durable state (entries and snapshot bytes are immutable). */
    public MemoryLogStore copy() {
        return new MemoryLogStore(this);
    }

    @Override
    public synchronized HardState hardState() {
        return hardState;
    }

    @Override
    public synchronized byte[] engineState() {
        return engineState.clone();
    }

    @Override
    public synchronized void setEngineState(byte[] state) {
        engineState = Objects.requireNonNull(state, "state").clone();
    }

    @Override
    public synchronized long firstIndex() {
        return snapshotMeta.index() + 1;
    }

    @Override
    public synchronized long lastIndex() {
        return snapshotMeta.index() + entries.size();
    }

    @Override
    public synchronized long term(long index) {
        if (index == snapshotMeta.index()) {
            return snapshotMeta.term();
        }
        if (index < firstIndex() || index > lastIndex()) {
            return -1;
        }
        return entryAt(index).term();
    }

    @Override
    public synchronized List<LogEntry> entries(long lo, long hi, long maxBytes) {
        if (lo < firstIndex() || hi > lastIndex() + 1 || lo >= hi) {
            throw new IllegalArgumentException("entries [" + lo + ", " + hi + ") outside stored ["
                    + firstIndex() + ", " + (lastIndex() + 1) + ")");
        }
        List<LogEntry> out = new ArrayList<>();
        long bytes = 0;
        for (long i = lo; i < hi; i++) {
            LogEntry e = entryAt(i);
            bytes += e.sizeBytes();
            if (!out.isEmpty() && bytes > maxBytes) {
                break;
            }
            out.add(e);
        }
        return out;
    }

    @Override
    public synchronized SnapshotMeta snapshotMeta() {
        return snapshotMeta;
    }

    @Override
    public synchronized byte[] snapshotChunk(long offset, int maxBytes) {
        if (offset < 0 || offset > snapshotData.length || maxBytes <= 0) {
            throw new IllegalArgumentException("bad snapshot chunk request offset=" + offset + " max=" + maxBytes
                    + " size=" + snapshotData.length);
        }
        int end = (int) Math.min(snapshotData.length, offset + (long) maxBytes);
        return Arrays.copyOfRange(snapshotData, (int) offset, end);
    }

    /** The latest snapshot's data (for restoring a state machine after a restart). */
    public synchronized byte[] snapshotData() {
        return snapshotData.clone();
    }

    /** Appends entries, first dropping any stored suffix from the first new index. */
    @Override
    public synchronized void append(List<LogEntry> newEntries) {
        if (newEntries.isEmpty()) {
            return;
        }
        long first = newEntries.get(0).index();
        for (int i = 1; i < newEntries.size(); i++) {
            if (newEntries.get(i).index() != first + i) {
                throw new IllegalArgumentException("entries not contiguous at " + newEntries.get(i).index());
            }
        }
        if (first < firstIndex() || first > lastIndex() + 1) {
            throw new IllegalArgumentException("append at " + first + " outside [" + firstIndex() + ", "
                    + (lastIndex() + 1) + "]");
        }
        if (first <= hardState.commit()) {
            throw new IllegalStateException("append at " + first + " would overwrite committed entries up to "
                    + hardState.commit());
        }
        entries.subList((int) (first - firstIndex()), entries.size()).clear();
        entries.addAll(newEntries);
    }

    @Override
    public synchronized void setHardState(HardState state) {
        Objects.requireNonNull(state, "state");
        if (state.term() < hardState.term()) {
            throw new IllegalStateException("term moves backwards: " + hardState.term() + " -> " + state.term());
        }
        if (state.commit() < hardState.commit() || state.commit() > lastIndex()) {
            throw new IllegalStateException("bad commit " + state.commit() + " (was " + hardState.commit()
                    + ", last index " + lastIndex() + ")");
        }
        hardState = state;
    }

    /**
     * Replaces the log with a snapshot received from a leader. Entries after the snapshot index are
     * kept if the log holds the snapshot's last entry (same index and term); otherwise the log is
     * cleared.
     */
    @Override
    public synchronized void installSnapshot(Snapshot snapshot) {
        SnapshotMeta meta = snapshot.meta();
        if (meta.index() <= snapshotMeta.index()) {
            throw new IllegalArgumentException("snapshot at " + meta.index() + " is not newer than " + snapshotMeta.index());
        }
        if (meta.sizeBytes() != snapshot.data().length || meta.checksum() != checksum(snapshot.data())) {
            throw new IllegalArgumentException("snapshot data does not match its meta (size or checksum)");
        }
        List<LogEntry> kept = term(meta.index()) == meta.term()
                ? new ArrayList<>(entries.subList((int) (meta.index() - snapshotMeta.index()), entries.size()))
                : List.of();
        entries.clear();
        entries.addAll(kept);
        snapshotMeta = meta;
        snapshotData = snapshot.data().clone();
        if (hardState.commit() < meta.index()) {
            hardState = new HardState(hardState.term(), hardState.vote(), meta.index());
        }
    }

    /**
     * Takes a snapshot of the state machine at {@code index} (which must be committed) and drops
     * the log up to and including it.
     */
    @Override
    public synchronized void compact(long index, byte[] stateMachineData, ConfState confAtIndex) {
        Objects.requireNonNull(stateMachineData, "stateMachineData");
        Objects.requireNonNull(confAtIndex, "confAtIndex");
        if (index <= snapshotMeta.index() || index > lastIndex()) {
            throw new IllegalArgumentException("compact at " + index + " outside (" + snapshotMeta.index() + ", "
                    + lastIndex() + "]");
        }
        if (index > hardState.commit()) {
            throw new IllegalStateException("compact at " + index + " beyond commit " + hardState.commit());
        }
        long term = term(index);
        entries.subList(0, (int) (index - snapshotMeta.index())).clear();
        snapshotData = stateMachineData.clone();
        snapshotMeta = new SnapshotMeta(index, term, confAtIndex, snapshotData.length, checksum(snapshotData));
    }

    @Override
    public synchronized RepairFloor repairFloor() {
        return repairFloor;
    }

    @Override
    public synchronized void beginRepair(long term, long vote, RepairFloor floor) {
        if (lastIndex() != 0 || snapshotMeta.index() != 0) {
            throw new IllegalStateException("a repair starts from an empty store; this one holds entries up to "
                    + lastIndex());
        }
        if (term < hardState.term()) {
            throw new IllegalStateException("bad repair start: term " + term + " (store has " + hardState.term() + ")");
        }
        hardState = new HardState(term, vote, 0);
        repairFloor = Objects.requireNonNull(floor, "floor");
    }

    /** Writes are durable the moment they return: there is nothing to flush. */
    @Override
    public void sync() {
    }

    @Override
    public void close() {
    }

    private LogEntry entryAt(long index) {
        return entries.get((int) (index - firstIndex()));
    }
}
