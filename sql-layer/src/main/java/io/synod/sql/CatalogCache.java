package io.synod.sql;

import io.synod.sql.catalog.Catalog;
import io.synod.sql.catalog.CatalogStore;
import io.synod.sql.txn.Transaction;

/**
 * The catalog shared by an engine's connections, by version: a transaction reads the committed
 * catalog version once and gets the cached catalog when it matches, so the whole catalog is read
 * from the store only after DDL. Thread-safe.
 */
public final class CatalogCache {

    private final CatalogStore store;
    private volatile Catalog latest = Catalog.EMPTY;

    public CatalogCache(CatalogStore store) {
        this.store = store;
    }

    /** The committed catalog {@code tx} plans against (its version joins the transaction's reads). */
    public Catalog snapshot(Transaction tx) {
        long version = tx.readCatalogVersion();
        Catalog cached = latest;
        if (cached.version() == version) {
            return cached;
        }
        Catalog read = store.read(tx);
        if (read.version() > latest.version()) {
            latest = read;
        }
        return read;
    }

    public CatalogStore store() {
        return store;
    }
}
