package io.synod.sql.txn;

import io.synod.sql.SqlStateException;
import io.synod.sql.kv.RangeCondition;

/**
 * The transaction read data that another transaction changed before it could commit; nothing
 * was written. Retrying the whole transaction is safe (SQLState 40001, serialization failure).
 */
public final class TransactionConflictException extends SqlStateException {

    private final transient RangeCondition failedCondition;

    public TransactionConflictException(RangeCondition failedCondition) {
        super("40001", "could not serialize access: data read by this transaction changed before it committed "
                + "(" + failedCondition + "); retry the transaction");
        this.failedCondition = failedCondition;
    }

    /** The read whose range changed. */
    public RangeCondition failedCondition() {
        return failedCondition;
    }
}
