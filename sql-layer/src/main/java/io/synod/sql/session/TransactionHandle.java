package io.synod.sql.session;

import io.synod.sql.kv.ReadConsistency;
import io.synod.sql.txn.Transaction;

import java.time.Instant;

/**
 * A transaction of a session with what {@code sys.transactions} shows about it. In autocommit
 * mode a query's transaction is handed to its result set, which commits it when the rows are
 * consumed, so a session may own more than one at a time.
 */
final class TransactionHandle {

    final long id;
    final Instant startedAt;
    final Transaction transaction;
    final boolean readOnly;
    private final CountingSqlKv reads;
    private volatile String state = "ACTIVE";
    private volatile boolean wrote;
    /** An autocommit query's transaction that its result set commits when the rows are read. */
    boolean streaming;

    TransactionHandle(long id, Instant startedAt, CountingSqlKv reads, ReadConsistency consistency, boolean readOnly) {
        this.id = id;
        this.startedAt = startedAt;
        this.reads = reads;
        this.transaction = new Transaction(reads, consistency);
        this.readOnly = readOnly;
    }

    long storeReads() {
        return reads.scans();
    }

    boolean wrote() {
        return wrote;
    }

    /** Called on the session's thread after each statement (the transaction is not thread-safe). */
    void noteWrites() {
        if (transaction.isActive() && transaction.hasWrites()) {
            wrote = true;
        }
    }

    String state() {
        return state;
    }

    void state(String state) {
        this.state = state;
    }
}
