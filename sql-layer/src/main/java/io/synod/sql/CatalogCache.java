package io.synod.sql;

import io.synod.sql.catalog.Catalog;
import io.synod.sql.catalog.CatalogStore;
import io.synod.sql.kv.SqlKv;
import io.synod.sql.txn.Transaction;

/**
 * The catalog shared by an engine's connections, by version: a transaction reads the committed
 * catalog version once and gets the cached catalog when it matches, so the whole catalog is read
 * from the store only after DDL. Thread-safe.
 */
public final class CatalogCache {

    private final SqlKv kv;
    private final CatalogStore store;
    private volatile Catalog latest = Catalog.EMPTY;

    public CatalogCache(SqlKv kv, CatalogStore store) {
        this.kv = kv;
        this.store = store;
    }

    /** The committed catalog {@code tx} plans against (its version joins the transaction's reads). */
    public Catalog snapshot(Transaction tx) {
        long version = tx.readCatalogVersion();
        Catalog cached = latest;
        if (cached.version() == version) {
            return cached;
        }
        Catalog read = readCommitted();
        if (read.version() != version) {
            // DDL committed since tx read its version: tx must plan against the one it saw.
            read = store.read(tx);
        }
        if (read.version() > latest.version()) {
            latest = read;
        }
        return read;
    }

    /**
     * The newest committed catalog read so far, without reading the store. Every catalog a
     * {@link #snapshot} returned is this version or an older one.
     */
    public Catalog latest() {
        return latest;
    }

    /**
     * The catalog {@code tx} sees: its {@link #snapshot} or, once {@code tx} has changed the
     * catalog itself ({@link Transaction#writesCatalog()}), the catalog read through {@code tx} so
     * its own DDL is visible.
     */
    public Catalog forTransaction(Transaction tx) {
        return tx.writesCatalog() ? store.read(tx) : snapshot(tx);
    }

    /**
     * The catalog as committed now, read in a transaction of its own so the reader's
     * transaction records no read of the whole catalog.
     */
    private Catalog readCommitted() {
        Transaction own = new Transaction(kv);
        try {
            return store.read(own);
        } finally {
            own.rollback();
        }
    }

    public CatalogStore store() {
        return store;
    }
}
