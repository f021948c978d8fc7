package io.synod.sql.txn;

import io.synod.sql.SqlStateException;

/** A transaction was used after it committed, rolled back or failed (SQLState 25000). */
public final class TransactionClosedException extends SqlStateException {

    public TransactionClosedException(String message) {
        super("25000", message);
    }
}
