package io.synod.sql.txn;

/**
 * A point inside a transaction to roll its writes back to (see {@link Transaction#mark()}).
 * Only meaningful to the transaction that made it.
 */
public final class Savepoint {

    final Transaction owner;
    final int undoPosition;

    Savepoint(Transaction owner, int undoPosition) {
        this.owner = owner;
        this.undoPosition = undoPosition;
    }
}
