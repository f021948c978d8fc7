package io.synod.sql.session;

import io.synod.sql.kv.RangeCondition;
import io.synod.sql.txn.Transaction;

import java.sql.PreparedStatement;

/**
 * A Calcite plan and the catalog version it was made against: a prepared statement runs it
 * only in transactions that see that version, and plans again otherwise.
 *
 * @param catalogVersion the version, or {@link #CATALOG_FREE} (planning looked nothing up in the
 *                       catalog), or {@link #UNCOMMITTED} (planned against a transaction's own DDL)
 * @param catalogRead    the planning transaction's read of that version (null unless the version
 *                       is one): holds at a later commit iff the version is still the same
 */
record CatalogBoundPlan(PreparedStatement statement, long catalogVersion, RangeCondition catalogRead) {

    /** The plan does not depend on the catalog. */
    static final long CATALOG_FREE = -2;
    /** The plan follows a catalog no other transaction sees: plan again before every run. */
    static final long UNCOMMITTED = -1;

    /** A plan just made in {@code tx} (null: planning began no transaction). */
    static CatalogBoundPlan madeIn(PreparedStatement statement, Transaction tx) {
        long version = versionOf(tx);
        return new CatalogBoundPlan(statement, version, version >= 0 ? tx.catalogVersionRead() : null);
    }

    /** The version a plan just made in {@code tx} (null: planning began no transaction) follows. */
    private static long versionOf(Transaction tx) {
        if (tx == null || !tx.isActive()) {
            return CATALOG_FREE;
        }
        if (tx.writesCatalog()) {
            return UNCOMMITTED;
        }
        // Every catalog lookup reads the version first: if it is unknown, planning looked nothing up.
        return tx.knowsCatalogVersion() ? tx.readCatalogVersion() : CATALOG_FREE;
    }
}
