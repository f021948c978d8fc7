package io.synod.sql.calcite;

import io.synod.sql.CatalogCache;
import io.synod.sql.catalog.Catalog;
import io.synod.sql.catalog.CatalogStore;
import io.synod.sql.kv.SqlKv;
import io.synod.sql.txn.Sequences;
import io.synod.sql.txn.Transaction;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A minimal session for tests: one lazily begun transaction at a time, the catalog from a
 * {@link CatalogCache} as the real session has it.
 */
final class TestSession implements SessionContext {

    private final SqlKv kv;
    private final Sequences sequences;
    private final CatalogCache catalogs;
    private final AtomicBoolean statementCancelled = new AtomicBoolean();
    private Transaction tx;

    TestSession(SqlKv kv, Sequences sequences) {
        this.kv = kv;
        this.sequences = sequences;
        this.catalogs = new CatalogCache(kv, new CatalogStore(sequences));
    }

    /** Never set: these tests do not cancel statements. */
    @Override
    public AtomicBoolean statementCancelled() {
        return statementCancelled;
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
        return catalogs.forTransaction(transaction());
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

    /** Tests end transactions themselves ({@link #end}), so DDL always runs in the current one. */
    @Override
    public boolean explicitTransaction() {
        return true;
    }

    @Override
    public Transaction newTransaction() {
        return new Transaction(kv);
    }

    @Override
    public CatalogStore catalogStore() {
        return catalogs.store();
    }

    @Override
    public Sequences sequences() {
        return sequences;
    }
}
