package io.synod.sql.kv;

import java.util.List;

/**
 * What the SQL layer needs from the key-value store: ordered scans that report the revision
 * they were served at, and an atomic commit of mutations guarded by range conditions.
 * Keys compare as unsigned bytes. Implementations are thread-safe.
 *
 * <p>Errors: {@link SqlKvUnavailableException} (store unreachable, nothing applied),
 * {@link SqlKvOutcomeUnknownException} (a commit may or may not have applied),
 * {@link SqlKvLimitException} (a key, value or commit over the store's size limits).
 */
public interface SqlKv extends AutoCloseable {

    /**
     * Keys in {@code [start, end)} ({@code end} null: to the end of the key space), ascending or
     * (if {@code reverse}) descending, at most {@code limit} of them ({@code 0}: no limit).
     * All entries are read at the one revision the page reports. An implementation may return
     * fewer entries than asked for (a page bounded by response size); {@code more} then says
     * keys remain after the last one returned, and the caller continues from there.
     */
    default ScanPage scan(byte[] start, byte[] end, int limit, boolean reverse, ReadConsistency consistency) {
        return scan(start, end, limit, reverse, consistency, null);
    }

    /**
     * {@link #scan(byte[], byte[], int, boolean, ReadConsistency)} that also reads the key
     * {@code guard} (null: none) at the page's revision, answering it in {@link ScanPage#guard()}:
     * a key the scan's meaning depends on (the catalog version) is checked in the same round trip.
     */
    ScanPage scan(byte[] start, byte[] end, int limit, boolean reverse, ReadConsistency consistency, byte[] guard);

    /**
     * Applies all {@code mutations} atomically iff every condition holds, evaluated against
     * the state before the mutations. With no mutations it only checks the conditions.
     */
    CommitOutcome commit(List<RangeCondition> conditions, List<Mutation> mutations);

    @Override
    void close();
}
