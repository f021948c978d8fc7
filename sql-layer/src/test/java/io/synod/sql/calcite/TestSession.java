package io.synod.sql.calcite;

import io.synod.sql.catalog.Catalog;
import io.synod.sql.catalog.CatalogStore;
import io.synod.sql.kv.SqlKv;
import io.synod.sql.txn.Sequences;
import io.synod.sql.txn.Transaction;
import java.util.HashMap;
import java.util.Map;

/**
 * A minimal session for tests: one lazily begun transaction at a time, the catalog cached by
 * version (read through the transaction once it has DDL of its own), as the real session does.
 */
final class TestSession implements SessionContext {

    private final SqlKv kv;
    private final Sequences sequences;
    private final CatalogStore catalogStore;
    private final Map<Long, Catalog> catalogs = new HashMap<>();
    private Transaction tx;

    TestSession(SqlKv kv, Sequences sequences) {
        this.kv = kv;
        this.sequences = sequences;
        this.catalogStore = new CatalogStore(sequences);
    }

    @Override
    public Transaction transaction() {
        if (tx == null || !tx.isActive()) {
            tx = new Transaction(kv);
        }
        return tx;
    }

    @Override
    public Catalog catalog() {
        Transaction t = transaction();
        if (t.writesCatalog()) {
            return catalogStore.read(t);
        }
        return catalogs.computeIfAbsent(t.readCatalogVersion(), v -> catalogStore.read(new Transaction(kv)));
    }

    /** Ends the current transaction: commits it, or rolls it back. */
    void end(boolean commit) {
        if (tx == null) {
            return;
        }
        Transaction t = tx;
        tx = null;
        if (commit) {
            t.commit();
        } else {
            t.rollback();
        }
    }

    @Override
    public CatalogStore catalogStore() {
        return catalogStore;
    }

    @Override
    public Sequences sequences() {
        return sequences;
    }
}
