package io.synod.kv.consensus.raft;

import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.api.LogView;
import io.synod.kv.consensus.api.Snapshot;

import java.util.ArrayList;
import java.util.List;

/**
 * The engine's log: what the runtime made durable ({@link LogView}) overlaid with the unstable
 * tail (entries and possibly a snapshot) that the engine holds until {@code advance()} confirms
 * they were persisted. Tracks the commit index and how far committed entries were handed out.
 *
 * <p>Indexes at or after {@code offset} are answered only from the unstable tail, so a suffix the
 * engine truncated is invisible even while the store still holds it.
 */
final class RaftLog {

    private final LogView stable;
    private Snapshot unstableSnapshot;
    private boolean snapshotInProgress;
    private final ArrayList<LogEntry> unstable = new ArrayList<>();
    /** Index of unstable.get(0); always (durable or pending-snapshot last index) + 1 when empty. */
    private long offset;
    /** Unstable entries below this index were handed out in a Ready and await advance(). */
    private long offsetInProgress;

    private long committed;
    /** Highest index handed out in committedEntries (or restored from a snapshot). */
    private long applying;

    RaftLog(LogView stable, long appliedIndex) {
        this.stable = stable;
        this.offset = stable.lastIndex() + 1;
        this.offsetInProgress = offset;
        long snapIndex = stable.snapshotMeta().index();
        long commit = Math.max(stable.hardState().commit(), Math.max(snapIndex, appliedIndex));
        if (commit > stable.lastIndex()) {
            throw new IllegalStateException("durable state is inconsistent: commit/applied " + commit
                    + " beyond last index " + stable.lastIndex());
        }
        this.committed = commit;
        this.applying = Math.max(appliedIndex, snapIndex);
    }

    long firstIndex() {
        return unstableSnapshot != null ? unstableSnapshot.meta().index() + 1 : stable.firstIndex();
    }

    long lastIndex() {
        return unstable.isEmpty() ? offset - 1 : offset + unstable.size() - 1;
    }

    long lastTerm() {
        return term(lastIndex());
    }

    /** Term at {@code index}, or -1 if it is compacted away or beyond the log. */
    long term(long index) {
        if (unstableSnapshot != null) {
            long snapIndex = unstableSnapshot.meta().index();
            if (index == snapIndex) {
                return unstableSnapshot.meta().term();
            }
            if (index < snapIndex) {
                return -1;
            }
        }
        if (index >= offset) {
            long i = index - offset;
            return i < unstable.size() ? unstable.get((int) i).term() : -1;
        }
        return index < 0 ? -1 : stable.term(index);
    }

    boolean matchTerm(long index, long term) {
        long t = term(index);
        return t >= 0 && t == term;
    }

    boolean isUpToDate(long candidateLastIndex, long candidateLastTerm) {
        long myTerm = lastTerm();
        return candidateLastTerm > myTerm || (candidateLastTerm == myTerm && candidateLastIndex >= lastIndex());
    }

    long committed() {
        return committed;
    }

    long applying() {
        return applying;
    }

    /** Entries in {@code [lo, hi)} up to {@code maxBytes} (at least one), or null if compacted. */
    List<LogEntry> entries(long lo, long hi, long maxBytes) {
        if (lo >= hi) {
            return List.of();
        }
        Invariants.check(hi <= lastIndex() + 1, "entries beyond last index");
        if (lo < firstIndex()) {
            return null;
        }
        List<LogEntry> out = new ArrayList<>();
        long bytes = 0;
        if (lo < offset) {
            for (LogEntry e : stable.entries(lo, Math.min(hi, offset), maxBytes)) {
                bytes += e.sizeBytes();
                out.add(e);
            }
            if (bytes >= maxBytes || out.get(out.size() - 1).index() + 1 < Math.min(hi, offset)) {
                return out;
            }
        }
        for (long i = Math.max(lo, offset); i < hi; i++) {
            LogEntry e = unstable.get((int) (i - offset));
            bytes += e.sizeBytes();
            if (!out.isEmpty() && bytes > maxBytes) {
                break;
            }
            out.add(e);
        }
        return out;
    }

    /**
     * Appends entries, truncating a conflicting suffix first. Returns the new last index.
     * Committed entries are never overwritten.
     */
    long append(List<LogEntry> entries) {
        if (entries.isEmpty()) {
            return lastIndex();
        }
        long first = entries.get(0).index();
        Invariants.check(first > committed, "append at " + first + " overwrites commit " + committed);
        Invariants.check(first <= lastIndex() + 1, "append leaves a gap at " + first);
        if (first == offset + unstable.size()) {
            unstable.addAll(entries);
        } else if (first <= offset) {
            unstable.clear();
            unstable.addAll(entries);
            offset = first;
            offsetInProgress = first;
        } else {
            unstable.subList((int) (first - offset), unstable.size()).clear();
            unstable.addAll(entries);
            offsetInProgress = Math.min(offsetInProgress, first);
        }
        return lastIndex();
    }

    /**
     * The part of {@code entries} (contiguous, already known to follow a matching entry) that is
     * not in the log yet: everything from the first entry missing or of a different term.
     */
    List<LogEntry> newSuffix(List<LogEntry> entries) {
        for (int i = 0; i < entries.size(); i++) {
            LogEntry e = entries.get(i);
            if (!matchTerm(e.index(), e.term())) {
                Invariants.check(e.index() > committed, "entry " + e.index() + " conflicts with the committed log");
                return entries.subList(i, entries.size());
            }
        }
        return List.of();
    }

    /** Last index that advance() confirmed durable (what a leader may count as its own match). */
    long stableLastIndex() {
        return unstableSnapshot != null ? unstableSnapshot.meta().index() - 1 : offset - 1;
    }

    /**
     * For fast backtracking: the largest index at or below {@code index} whose term is at most
     * {@code term}; returns the snapshot index if the search reaches compacted history.
     */
    long findConflictByTerm(long index, long term) {
        long i = Math.min(index, lastIndex());
        while (i > 0) {
            long t = term(i);
            if (t < 0 || t <= term) {
                return i;
            }
            i--;
        }
        return 0;
    }

    void commitTo(long index) {
        if (index > committed) {
            Invariants.check(index <= lastIndex(), "commit " + index + " beyond last index " + lastIndex());
            committed = index;
        }
    }

    /** Unstable entries not yet handed out in a Ready. */
    List<LogEntry> nextUnstableEntries() {
        return List.copyOf(unstable.subList((int) (offsetInProgress - offset), unstable.size()));
    }

    Snapshot nextUnstableSnapshot() {
        return snapshotInProgress ? null : unstableSnapshot;
    }

    /** Marks everything unstable as handed out for persistence. */
    void acceptInProgress() {
        offsetInProgress = offset + unstable.size();
        if (unstableSnapshot != null) {
            snapshotInProgress = true;
        }
    }

    /** Highest index that is durable or in the Ready being handed out. */
    long persistingLastIndex() {
        return offsetInProgress - 1;
    }

    /** Committed entries that are durable (or being made durable first) and not yet handed out. */
    List<LogEntry> nextCommittedEntries(long maxBytes) {
        long hi = Math.min(committed, persistingLastIndex());
        if (hi <= applying) {
            return List.of();
        }
        List<LogEntry> out = entries(applying + 1, hi + 1, maxBytes);
        Invariants.check(out != null, "committed entries compacted before being applied");
        return out;
    }

    void appliedTo(long index) {
        Invariants.check(index >= applying, "applied index moves backwards");
        applying = index;
    }

    /** advance(): entries up to (index, term) are durable now. */
    void stableTo(long index, long term) {
        if (index < offset || !matchTerm(index, term)) {
            return;
        }
        unstable.subList(0, (int) (index + 1 - offset)).clear();
        offset = index + 1;
        offsetInProgress = Math.max(offsetInProgress, offset);
    }

    /** advance(): the snapshot at {@code index} is durable now. */
    void stableSnapshotTo(long index) {
        if (unstableSnapshot != null && unstableSnapshot.meta().index() == index) {
            unstableSnapshot = null;
            snapshotInProgress = false;
        }
    }

    /** Replaces the whole log by a snapshot received from the leader. */
    void restore(Snapshot snapshot) {
        long index = snapshot.meta().index();
        Invariants.check(index > committed, "restore to a snapshot at or below commit");
        unstableSnapshot = snapshot;
        snapshotInProgress = false;
        unstable.clear();
        offset = index + 1;
        offsetInProgress = offset;
        committed = index;
        applying = index;
    }

    LogView stable() {
        return stable;
    }
}
