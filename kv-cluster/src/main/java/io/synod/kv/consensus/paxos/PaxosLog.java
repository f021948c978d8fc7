package io.synod.kv.consensus.paxos;

import io.synod.kv.consensus.api.EntryType;
import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.api.LogView;
import io.synod.kv.consensus.api.Snapshot;
import io.synod.kv.consensus.api.SnapshotMeta;

import java.util.ArrayList;
import java.util.List;

/**
 * An acceptor's slots, in memory and mirrored to the runtime's durable log: one entry per slot
 * from the snapshot on, whose term is the ballot the value was accepted in. A slot nothing was
 * accepted for yet (a hole below an accepted slot) holds a placeholder of ballot 0, because the
 * durable log is contiguous.
 *
 * <p>Accepting a higher ballot's value for a slot rewrites it in place. The durable log can only
 * drop a suffix and append, so the next Ready re-sends every slot from the lowest rewritten one
 * up: a rewrite must never lose the accepted values of later slots.
 */
final class PaxosLog {

    private static final byte[] NO_DATA = new byte[0];

    private final LogView stable;
    private long snapshotIndex;
    /** slots.get(i) is slot snapshotIndex + 1 + i. */
    private final ArrayList<LogEntry> slots = new ArrayList<>();
    /** Lowest slot changed since the last Ready, or MAX_VALUE. */
    private long unstableFrom = Long.MAX_VALUE;
    /** Lowest slot handed out in the outstanding Ready, or MAX_VALUE. */
    private long inProgressFrom = Long.MAX_VALUE;
    private long inProgressTo;
    /** Every slot up to here was durable at the last advance (unless rewritten since). */
    private long durableTo;
    private Snapshot pendingSnapshot;
    private long committed;
    private long applying;

    PaxosLog(LogView stable, long appliedIndex) {
        this.stable = stable;
        this.snapshotIndex = stable.snapshotMeta().index();
        long next = stable.firstIndex();
        long last = stable.lastIndex();
        while (next <= last) {
            List<LogEntry> batch = stable.entries(next, last + 1, 1 << 20);
            slots.addAll(batch);
            next = batch.get(batch.size() - 1).index() + 1;
        }
        this.durableTo = lastIndex();
        this.applying = Math.max(appliedIndex, snapshotIndex);
        this.committed = Math.max(stable.hardState().commit(), applying);
    }

    LogView stable() {
        return stable;
    }

    long snapshotIndex() {
        return snapshotIndex;
    }

    long lastIndex() {
        return snapshotIndex + slots.size();
    }

    long committed() {
        return committed;
    }

    long applying() {
        return applying;
    }

    /** The entry at {@code slot}, or null outside (snapshot index, last index]. */
    LogEntry at(long slot) {
        if (slot <= snapshotIndex || slot > lastIndex()) {
            return null;
        }
        return slots.get((int) (slot - snapshotIndex - 1));
    }

    /**
     * Records that {@code value} was accepted for {@code slot} in {@code ballot}, filling any gap
     * before it with placeholders. Committed slots are final and never rewritten.
     */
    void accept(long slot, long ballot, EntryType type, byte[] data) {
        if (slot <= committed || slot <= snapshotIndex) {
            throw new IllegalStateException("slot " + slot + " is committed (commit " + committed + ")");
        }
        LogEntry entry = new LogEntry(slot, ballot, type, data);
        if (slot <= lastIndex()) {
            if (at(slot).term() == ballot) {
                return; // one ballot proposes one value per slot: already have it
            }
            slots.set((int) (slot - snapshotIndex - 1), entry);
            unstableFrom = Math.min(unstableFrom, slot);
            return;
        }
        unstableFrom = Math.min(unstableFrom, lastIndex() + 1);
        while (lastIndex() < slot - 1) {
            slots.add(new LogEntry(lastIndex() + 1, 0, EntryType.NOOP, NO_DATA));
        }
        slots.add(entry);
    }

    /** Accepted values (not placeholders) above {@code slot}, for a promise. */
    List<LogEntry> acceptedAbove(long slot) {
        List<LogEntry> out = new ArrayList<>();
        for (long s = Math.max(slot, snapshotIndex) + 1; s <= lastIndex(); s++) {
            LogEntry e = at(s);
            if (e.term() > 0) {
                out.add(e);
            }
        }
        return out;
    }

    /** Entries in {@code [lo, hi]}: at least one, then as many as fit in {@code maxBytes}. */
    List<LogEntry> slice(long lo, long hi, long maxBytes) {
        List<LogEntry> out = new ArrayList<>();
        long bytes = 0;
        for (long s = lo; s <= hi; s++) {
            LogEntry e = at(s);
            bytes += e.sizeBytes();
            if (!out.isEmpty() && bytes > maxBytes) {
                break;
            }
            out.add(e);
        }
        return out;
    }

    void commitTo(long slot) {
        if (slot > lastIndex()) {
            throw new IllegalStateException("commit " + slot + " beyond last slot " + lastIndex());
        }
        committed = Math.max(committed, slot);
    }

    /** Highest slot known durable with its current value (the leader counts itself only that far). */
    long durableMatch() {
        return Math.min(durableTo, Math.min(unstableFrom, inProgressFrom) - 1);
    }

    /** Replaces everything up to the snapshot with it; later slots are kept and written again. */
    void restore(Snapshot snapshot) {
        SnapshotMeta meta = snapshot.meta();
        if (meta.index() <= committed) {
            throw new IllegalStateException("snapshot at " + meta.index() + " is not past commit " + committed);
        }
        List<LogEntry> kept = meta.index() < lastIndex()
                ? new ArrayList<>(slots.subList((int) (meta.index() - snapshotIndex), slots.size()))
                : List.of();
        slots.clear();
        slots.addAll(kept);
        snapshotIndex = meta.index();
        committed = meta.index();
        applying = meta.index();
        durableTo = Math.min(durableTo, snapshotIndex);
        unstableFrom = kept.isEmpty() ? Long.MAX_VALUE : snapshotIndex + 1;
        pendingSnapshot = snapshot;
    }

    boolean hasUnstable() {
        return unstableFrom <= lastIndex() || pendingSnapshot != null;
    }

    boolean hasCommittedToApply() {
        return committed > applying;
    }

    /** The slots to persist with the next Ready (a rewritten slot and everything after it). */
    List<LogEntry> takeUnstable() {
        if (unstableFrom > lastIndex()) {
            unstableFrom = Long.MAX_VALUE;
            return List.of();
        }
        List<LogEntry> out = new ArrayList<>(slots.subList((int) (unstableFrom - snapshotIndex - 1), slots.size()));
        inProgressFrom = unstableFrom;
        inProgressTo = lastIndex();
        unstableFrom = Long.MAX_VALUE;
        return out;
    }

    Snapshot takeSnapshot() {
        Snapshot s = pendingSnapshot;
        pendingSnapshot = null;
        return s;
    }

    /** Committed entries not yet handed out for applying, up to {@code maxBytes}. */
    List<LogEntry> takeCommitted(long maxBytes) {
        if (committed <= applying) {
            return List.of();
        }
        List<LogEntry> out = slice(applying + 1, committed, maxBytes);
        applying = out.get(out.size() - 1).index();
        return out;
    }

    /** The outstanding Ready's writes are durable; trims what the runtime compacted away. */
    void advanced() {
        if (inProgressFrom != Long.MAX_VALUE) {
            durableTo = Math.max(durableTo, inProgressTo);
            inProgressFrom = Long.MAX_VALUE;
        }
        long compacted = stable.snapshotMeta().index();
        if (compacted > snapshotIndex && compacted <= applying && compacted <= lastIndex()) {
            slots.subList(0, (int) (compacted - snapshotIndex)).clear();
            snapshotIndex = compacted;
        }
    }
}
