package io.synod.sql.catalog;

import io.synod.sql.encoding.KeySpace;
import io.synod.sql.kv.ByteKeys;
import io.synod.sql.kv.KvEntry;
import io.synod.sql.kv.SqlKv;
import io.synod.sql.txn.Transaction;
import io.synod.sql.txn.TransactionConflictException;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Deletes the data of dropped tables and indexes in bounded batches, outside any user
 * transaction (a drop only writes a marker, so DROP is quick whatever the table's size). Table
 * and index ids are never reused, so nothing writes under a dropped prefix and the batches
 * cannot conflict with user transactions. Safe to run from several places at once.
 */
public final class DroppedDataPurger {

    /** Keys deleted per commit, well under the store's per-commit limits. */
    static final int BATCH = 1000;

    private final SqlKv kv;

    public DroppedDataPurger(SqlKv kv) {
        this.kv = Objects.requireNonNull(kv, "kv");
    }

    /** Purges everything dropped so far; returns the number of keys deleted. */
    public long purgeAll() {
        long deleted = 0;
        byte[] markers = KeySpace.DROPPED_PREFIX;
        while (true) {
            Transaction find = new Transaction(kv);
            List<KvEntry> next = find.scan(markers, ByteKeys.prefixEnd(markers), 1, false);
            find.rollback();
            if (next.isEmpty()) {
                return deleted;
            }
            byte[] marker = next.get(0).key();
            deleted += purge(marker, Arrays.copyOfRange(marker, markers.length, marker.length));
        }
    }

    private long purge(byte[] marker, byte[] dataPrefix) {
        long deleted = 0;
        byte[] end = ByteKeys.prefixEnd(dataPrefix);
        while (true) {
            Transaction tx = new Transaction(kv);
            List<KvEntry> batch = tx.scan(dataPrefix, end, BATCH, false);
            for (KvEntry e : batch) {
                tx.delete(e.key());
            }
            if (batch.size() < BATCH) {
                tx.delete(marker);
            }
            try {
                tx.commit();
            } catch (TransactionConflictException e) {
                continue; // another purger got there first; look again
            }
            deleted += batch.size();
            if (batch.size() < BATCH) {
                return deleted;
            }
        }
    }
}
