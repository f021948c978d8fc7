package io.synod.sql.kv;

import io.synod.kv.statemachine.KvLimits;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * An in-memory store with the replicated KV's semantics, for tests: every commit (applied or
 * not, like a log entry) takes the next revision from one global counter, all mutations of a
 * commit share it, conditions are checked as count and max mod revision over the range, and the
 * store's request limits and scan response byte bound are enforced. Thread-safe; reads are always current (every consistency
 * level is served linearizably). {@code maxPageEntries} bounds scan pages to exercise paging.
 */
public final class MemorySqlKv implements SqlKv {

    private record Stored(byte[] value, long modRevision) {
    }

    private final TreeMap<byte[], Stored> data = new TreeMap<>(ByteKeys.ORDER);
    private final int maxPageEntries;
    private long revision;
    private boolean closed;

    /** A store whose scans return everything asked for in one page. */
    public MemorySqlKv() {
        this(0);
    }

    /** A store whose scan pages hold at most {@code maxPageEntries} entries (0: unbounded). */
    public MemorySqlKv(int maxPageEntries) {
        if (maxPageEntries < 0) {
            throw new IllegalArgumentException("negative page size: " + maxPageEntries);
        }
        this.maxPageEntries = maxPageEntries;
    }

    @Override
    public synchronized ScanPage scan(byte[] start, byte[] end, int limit, boolean reverse,
                                      ReadConsistency consistency, byte[] guard) {
        ensureOpen();
        KvRequestLimits.checkScan(start, end, limit);
        KvEntry guarded = null;
        if (guard != null) {
            KvRequestLimits.checkKey(guard);
            Stored stored = data.get(guard);
            guarded = stored == null ? null : new KvEntry(guard.clone(), stored.value().clone(), stored.modRevision());
        }
        if (end != null && ByteKeys.compare(start, end) >= 0) {
            return new ScanPage(List.of(), false, revision, guarded);
        }
        NavigableMap<byte[], Stored> range = end == null ? data.tailMap(start, true) : data.subMap(start, true, end, false);
        if (reverse) {
            range = range.descendingMap();
        }
        int pageLimit = limit;
        if (maxPageEntries > 0 && (pageLimit == 0 || pageLimit > maxPageEntries)) {
            pageLimit = maxPageEntries;
        }
        List<KvEntry> entries = new ArrayList<>();
        boolean more = false;
        long bytes = 0;
        for (var e : range.entrySet()) {
            if (pageLimit > 0 && entries.size() == pageLimit || bytes >= KvLimits.MAX_SCAN_RESPONSE_BYTES) {
                more = true;
                break;
            }
            entries.add(new KvEntry(e.getKey().clone(), e.getValue().value().clone(), e.getValue().modRevision()));
            bytes += e.getKey().length + e.getValue().value().length;
        }
        return new ScanPage(entries, more, revision, guarded);
    }

    @Override
    public synchronized CommitOutcome commit(List<RangeCondition> conditions, List<Mutation> mutations) {
        ensureOpen();
        KvRequestLimits.checkCommit(conditions, mutations);
        revision++;
        for (int i = 0; i < conditions.size(); i++) {
            if (!holds(conditions.get(i))) {
                return new CommitOutcome(false, i, revision);
            }
        }
        for (Mutation m : mutations) {
            if (m.isDelete()) {
                data.remove(m.key());
            } else {
                data.put(m.key().clone(), new Stored(m.value().clone(), revision));
            }
        }
        return new CommitOutcome(true, -1, revision);
    }

    /** The number of keys stored. */
    public synchronized int size() {
        return data.size();
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    /** Whether {@code c} holds; its range is not empty ({@link KvRequestLimits#checkCommit} rejects that). */
    private boolean holds(RangeCondition c) {
        Collection<Stored> range = (c.end() == null ? data.tailMap(c.start(), true)
                : data.subMap(c.start(), true, c.end(), false)).values();
        long count = 0;
        for (Stored s : range) {
            if (s.modRevision() > c.maxModRevision() || ++count > c.expectedCount()) {
                return false;
            }
        }
        return count == c.expectedCount();
    }

    private void ensureOpen() {
        if (closed) {
            throw new SqlKvUnavailableException("the store is closed", null);
        }
    }
}
