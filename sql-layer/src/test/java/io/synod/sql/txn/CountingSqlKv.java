package io.synod.sql.txn;

import io.synod.sql.kv.CommitOutcome;
import io.synod.sql.kv.Mutation;
import io.synod.sql.kv.RangeCondition;
import io.synod.sql.kv.ReadConsistency;
import io.synod.sql.kv.ScanPage;
import io.synod.sql.kv.SqlKv;

import java.util.ArrayList;
import java.util.List;

/** Forwards to a store and remembers the commits it was asked for. */
final class CountingSqlKv implements SqlKv {

    final SqlKv store;
    final List<List<RangeCondition>> commits = new ArrayList<>();
    int scans;

    CountingSqlKv(SqlKv store) {
        this.store = store;
    }

    @Override
    public ScanPage scan(byte[] start, byte[] end, int limit, boolean reverse, ReadConsistency consistency,
                         byte[] guard) {
        scans++;
        return store.scan(start, end, limit, reverse, consistency, guard);
    }

    @Override
    public CommitOutcome commit(List<RangeCondition> conditions, List<Mutation> mutations) {
        commits.add(List.copyOf(conditions));
        return store.commit(conditions, mutations);
    }

    @Override
    public void close() {
        store.close();
    }
}
