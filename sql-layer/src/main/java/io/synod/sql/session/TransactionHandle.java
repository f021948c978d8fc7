package io.synod.sql.session;

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
    private volatile String state = "ACTIVE";

    TransactionHandle(long id, Instant startedAt, Transaction transaction, boolean readOnly) {
        this.id = id;
        this.startedAt = startedAt;
        this.transaction = transaction;
        this.readOnly = readOnly;
    }

    String state() {
        return state;
    }

    void state(String state) {
        this.state = state;
    }
}
