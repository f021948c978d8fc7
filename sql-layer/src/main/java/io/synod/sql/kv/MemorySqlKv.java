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
 * store's size limits are enforced. Thread-safe; reads are always current (every consistency
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
                                      ReadConsistency consistency) {
        ensureOpen();
        if (limit < 0) {
            throw new IllegalArgumentException("negative limit: " + limit);
        }
        checkKey(start, "scan start");
        if (end != null) {
            checkKey(end, "scan end");
        }
        if (end != null && ByteKeys.compare(start, end) >= 0) {
            return new ScanPage(List.of(), false, revision);
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
        for (var e : range.entrySet()) {
            if (pageLimit > 0 && entries.size() == pageLimit) {
                more = true;
                break;
            }
            entries.add(new KvEntry(e.getKey().clone(), e.getValue().value().clone(), e.getValue().modRevision()));
        }
        return new ScanPage(entries, more, revision);
    }

    @Override
    public synchronized CommitOutcome commit(List<RangeCondition> conditions, List<Mutation> mutations) {
        ensureOpen();
        checkLimits(conditions, mutations);
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

    /** The revision of the last commit. */
    public synchronized long revision() {
        return revision;
    }

    /** The number of keys stored. */
    public synchronized int size() {
        return data.size();
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    private boolean holds(RangeCondition c) {
        if (c.end() != null && ByteKeys.compare(c.start(), c.end()) >= 0) {
            return c.expectedCount() == 0;
        }
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

    private static void checkLimits(List<RangeCondition> conditions, List<Mutation> mutations) {
        if (mutations.size() > KvLimits.MAX_BATCH_OPS) {
            throw new SqlKvLimitException("a commit holds " + mutations.size() + " writes; at most "
                    + KvLimits.MAX_BATCH_OPS + " are allowed");
        }
        long bytes = 0;
        for (Mutation m : mutations) {
            checkKey(m.key(), "key");
            if (m.value() != null && m.value().length > KvLimits.MAX_VALUE_BYTES) {
                throw new SqlKvLimitException("a value of " + m.value().length + " bytes is over the limit of "
                        + KvLimits.MAX_VALUE_BYTES);
            }
            bytes += m.key().length + (m.value() == null ? 0 : m.value().length);
        }
        if (bytes > KvLimits.MAX_BATCH_BYTES) {
            throw new SqlKvLimitException("a commit writes " + bytes + " bytes; at most "
                    + KvLimits.MAX_BATCH_BYTES + " are allowed");
        }
        for (RangeCondition c : conditions) {
            checkKey(c.start(), "condition start");
            if (c.end() != null) {
                checkKey(c.end(), "condition end");
            }
        }
    }

    private static void checkKey(byte[] key, String what) {
        if (key.length > KvLimits.MAX_KEY_BYTES) {
            throw new SqlKvLimitException("a " + what + " of " + key.length + " bytes is over the limit of "
                    + KvLimits.MAX_KEY_BYTES);
        }
    }
}
