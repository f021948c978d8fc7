package io.synod.sql.txn;

/**
 * A point inside a transaction to roll its writes back to (see {@link Transaction#mark()}).
 * Only meaningful to the transaction that made it.
 */
public final class Savepoint {

    final int undoPosition;

    Savepoint(int undoPosition) {
        this.undoPosition = undoPosition;
    }
}
