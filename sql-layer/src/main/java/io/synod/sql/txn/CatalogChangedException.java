package io.synod.sql.txn;

import io.synod.sql.SqlStateException;

/**
 * A statement planned against one catalog version found another at its transaction's first store
 * read: DDL committed in between. Nothing it read is recorded, so it can be planned again and
 * rerun; one that escapes is a serialization failure (40001), which the client may retry.
 */
public final class CatalogChangedException extends SqlStateException {

    private static final long serialVersionUID = 1L;

    public CatalogChangedException(long planned, long found) {
        super("40001", "the catalog changed while the statement ran (planned against version " + planned
                + ", found " + found + "): retry the transaction", null);
    }

    /** Found by a commit whose condition on the catalog version failed: nothing was written. */
    public CatalogChangedException(long planned) {
        super("40001", "the catalog changed while the statement ran (planned against version " + planned
                + ", since replaced): retry the transaction", null);
    }
}
