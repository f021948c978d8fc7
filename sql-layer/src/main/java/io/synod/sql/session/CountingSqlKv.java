package io.synod.sql.session;

import io.synod.sql.kv.CommitOutcome;
import io.synod.sql.kv.Mutation;
import io.synod.sql.kv.RangeCondition;
import io.synod.sql.kv.ReadConsistency;
import io.synod.sql.kv.ScanPage;
import io.synod.sql.kv.SqlKv;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The store as one transaction sees it, counting the reads it makes (for
 * {@code sys.transactions}); everything else passes through. Closing it leaves the shared store open.
 */
final class CountingSqlKv implements SqlKv {

    private final SqlKv store;
    private final AtomicLong scans = new AtomicLong();

    CountingSqlKv(SqlKv store) {
        this.store = store;
    }

    long scans() {
        return scans.get();
    }

    @Override
    public ScanPage scan(byte[] start, byte[] end, int limit, boolean reverse, ReadConsistency consistency,
                         byte[] guard) {
        scans.incrementAndGet();
        return store.scan(start, end, limit, reverse, consistency, guard);
    }

    @Override
    public CommitOutcome commit(List<RangeCondition> conditions, List<Mutation> mutations) {
        return store.commit(conditions, mutations);
    }

    @Override
    public void close() {
        // The store is shared by every session; the engine closes it.
    }
}
