package io.synod.sql.kv;

import io.synod.kv.client.BatchOperation;
import io.synod.kv.client.Consistency;
import io.synod.kv.client.KeyValue;
import io.synod.kv.client.KvClient;
import io.synod.kv.client.KvException;
import io.synod.kv.client.ScanResult;
import io.synod.kv.client.TxnCondition;
import io.synod.kv.client.TxnResult;
import io.synod.sql.SqlStateException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@link SqlKv} over the replicated KV service's client. Scans map to {@code KvClient.scan}
 * (whose responses are bounded in bytes, so a long scan comes back in pages with {@code more}
 * set) and commits to {@code KvClient.txn}. Client failures become SQL errors:
 * unreachable or timed out → {@link SqlKvUnavailableException}, a commit whose fate is unknown
 * → {@link SqlKvOutcomeUnknownException}, a size limit → {@link SqlKvLimitException}.
 */
public final class KvClientSqlKv implements SqlKv {

    private final KvClient client;
    private final boolean ownsClient;

    /**
     * @param ownsClient whether {@link #close()} closes {@code client}
     */
    public KvClientSqlKv(KvClient client, boolean ownsClient) {
        this.client = Objects.requireNonNull(client, "client");
        this.ownsClient = ownsClient;
    }

    @Override
    public ScanPage scan(byte[] start, byte[] end, int limit, boolean reverse, ReadConsistency consistency,
                         byte[] guard) {
        KvRequestLimits.checkScan(start, end, limit);
        if (guard != null) {
            KvRequestLimits.checkKey(guard);
        }
        ScanResult result;
        try {
            result = client.scan(start, end, limit, reverse, toClient(consistency), guard);
        } catch (KvException e) {
            throw translate(e, false);
        }
        List<KvEntry> entries = new ArrayList<>(result.kvs().size());
        for (KeyValue kv : result.kvs()) {
            entries.add(new KvEntry(kv.key(), kv.value(), kv.modRevision()));
        }
        KeyValue guarded = result.guard();
        return new ScanPage(entries, result.more(), result.revision(),
                guarded == null ? null : new KvEntry(guarded.key(), guarded.value(), guarded.modRevision()));
    }

    @Override
    public CommitOutcome commit(List<RangeCondition> conditions, List<Mutation> mutations) {
        KvRequestLimits.checkCommit(conditions, mutations);
        List<TxnCondition> compares = new ArrayList<>(conditions.size());
        for (RangeCondition c : conditions) {
            compares.add(new TxnCondition(c.start(), c.end(), c.expectedCount(), c.maxModRevision()));
        }
        List<BatchOperation> ops = new ArrayList<>(mutations.size());
        for (Mutation m : mutations) {
            ops.add(m.isDelete() ? BatchOperation.delete(m.key()) : BatchOperation.put(m.key(), m.value()));
        }
        TxnResult result;
        try {
            result = client.txn(compares, ops);
        } catch (KvException e) {
            throw translate(e, true);
        }
        return new CommitOutcome(result.succeeded(), result.succeeded() ? -1 : result.failedCompare(),
                result.revision());
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    static Consistency toClient(ReadConsistency consistency) {
        return switch (consistency.level()) {
            case LINEARIZABLE -> Consistency.LINEARIZABLE;
            case LEASE -> Consistency.LEASE;
            case BOUNDED_STALENESS -> Consistency.boundedStaleness(consistency.maxStaleness());
        };
    }

    /** The SQL error for a failed KV call; {@code write} tells a commit from a read. */
    static SqlStateException translate(KvException e, boolean write) {
        return switch (e.kind()) {
            case UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, NOT_FOUND, CLOSED ->
                    new SqlKvUnavailableException("the store did not answer: " + e.getMessage(), e);
            case OUTCOME_UNKNOWN -> write
                    ? new SqlKvOutcomeUnknownException("the commit may or may not have been applied: "
                            + e.getMessage(), e)
                    : new SqlKvUnavailableException("the store did not answer: " + e.getMessage(), e);
            case INVALID_ARGUMENT -> e.getMessage().contains("limit")
                    ? new SqlKvLimitException("the store refused the request: " + e.getMessage(), e)
                    : new SqlStateException("XX000", "the store refused a malformed request: " + e.getMessage(), e);
            case FAILED_PRECONDITION, INTERNAL ->
                    new SqlStateException("XX000", "the store failed: " + e.getMessage(), e);
        };
    }
}
