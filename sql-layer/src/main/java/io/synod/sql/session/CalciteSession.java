package io.synod.sql.session;

import io.synod.sql.CatalogCache;
import io.synod.sql.calcite.SessionContext;
import io.synod.sql.catalog.Catalog;
import io.synod.sql.catalog.CatalogStore;
import io.synod.sql.txn.Sequences;
import io.synod.sql.txn.Transaction;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A session as the planner sees it: the session's current transaction and the catalog it plans
 * against (the engine's cached snapshot at the transaction's catalog version, or the catalog read
 * through the transaction once it has DDL of its own).
 */
public final class CalciteSession implements SessionContext {

    private final SynodSession session;
    private final CatalogCache catalogs;
    private final Sequences sequences;

    public CalciteSession(SynodSession session, CatalogCache catalogs, Sequences sequences) {
        this.session = session;
        this.catalogs = catalogs;
        this.sequences = sequences;
    }

    @Override
    public AtomicBoolean statementCancelled() {
        return session.statementCancelled();
    }

    @Override
    public Transaction transaction() {
        return session.transaction();
    }

    @Override
    public Catalog catalog() {
        return catalogs.forTransaction(session.transaction());
    }

    @Override
    public boolean explicitTransaction() {
        return session.explicit();
    }

    @Override
    public Transaction newTransaction() {
        return session.independentTransaction();
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
