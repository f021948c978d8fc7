package io.synod.sql.calcite;

import io.synod.sql.catalog.Catalog;
import io.synod.sql.catalog.CatalogStore;
import io.synod.sql.txn.Sequences;
import io.synod.sql.txn.Transaction;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What planning and execution need from the session that owns a connection (implemented by
 * {@code io.synod.sql.session}). Calls come from the connection's statement thread only.
 *
 * <p>Every catalog lookup of a statement goes through {@link #catalog()}, so a connection sees DDL
 * committed by any gateway as soon as its next transaction starts: nothing is cached across
 * transactions here.
 */
public interface SessionContext {

    /**
     * The current transaction, begun on first use (so a statement in autocommit mode gets a fresh
     * one). Reads and writes of a statement all go into it; the session commits or rolls back.
     */
    Transaction transaction();

    /**
     * The catalog this transaction plans against: the snapshot at the transaction's
     * {@link Transaction#readCatalogVersion()} (from a cache keyed by version), or, once the
     * transaction has changed the catalog itself ({@link Transaction#writesCatalog()}), the
     * catalog read through the transaction so its own DDL is visible.
     */
    Catalog catalog();

    /** Whether statements share a transaction until COMMIT/ROLLBACK (autocommit off, or BEGIN). */
    boolean explicitTransaction();

    /**
     * A new transaction, independent of the session's, for work that commits in steps of its
     * own (building an index over a big table in autocommit mode).
     */
    Transaction newTransaction();

    /** Where DDL writes the catalog (through {@link #transaction()}). */
    CatalogStore catalogStore();

    /** The store's sequences: hidden row ids of tables without a primary key. */
    Sequences sequences();

    /**
     * Set once the running statement is cancelled or times out. The planner checks it between
     * rule firings, so a statement timeout bounds planning as well as execution.
     */
    AtomicBoolean statementCancelled();
}
