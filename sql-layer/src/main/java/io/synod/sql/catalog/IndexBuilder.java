package io.synod.sql.catalog;

import io.synod.sql.SqlStateException;
import io.synod.sql.encoding.RowCodec;
import io.synod.sql.kv.ByteKeys;
import io.synod.sql.kv.KvEntry;
import io.synod.sql.txn.Transaction;
import io.synod.sql.txn.TransactionConflictException;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Builds a secondary index over a table of any size in bounded transactions, so that CREATE
 * INDEX is not limited by what one commit may hold and does not stop writers for its duration:
 * <ol>
 *   <li>one transaction adds the index as {@linkplain IndexDef#building() building}; from then
 *       on every write maintains it (a writer planned against the older catalog fails its commit
 *       on the catalog version and retries against the new one);</li>
 *   <li>batches of {@value #BATCH} rows, each in its own transaction, write the entries of the
 *       rows that existed before; a batch that races a writer over its rows fails on its read
 *       conditions and runs again, and a unique index checks every entry against what is already
 *       there, so a duplicate written by anyone is found;</li>
 *   <li>one transaction marks the index complete, and queries start using it.</li>
 * </ol>
 * If a step fails for good (duplicates in a unique index, the table or index dropped meanwhile,
 * the store unreachable), the index is dropped again (its entries go to the purger) and the
 * error is rethrown. If the gateway itself dies midway, the index stays building, still
 * maintained but never read, until someone drops it.
 */
public final class IndexBuilder {

    /** Rows per backfill transaction: well under the store's per-commit limits. */
    static final int BATCH = 1000;
    private static final int MAX_ATTEMPTS = 100;

    private final CatalogStore store;
    private final Supplier<Transaction> transactions;

    /** {@code transactions} makes a new transaction for each step, independent of any session's. */
    public IndexBuilder(CatalogStore store, Supplier<Transaction> transactions) {
        this.store = Objects.requireNonNull(store, "store");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    /**
     * Creates index {@code indexName} on {@code schema.tableName} and returns it once queries may
     * use it. {@code cancelled} is asked between batches: when it says so the build stops (57014).
     */
    public IndexDef build(String schema, String tableName, String indexName, List<String> columnNames, boolean unique,
                          BooleanSupplier cancelled) {
        Transaction start = transactions.get();
        IndexDef index;
        int tableId;
        try {
            index = store.startIndexBuild(start, schema, tableName, indexName, columnNames, unique);
            tableId = store.read(start).table(schema, tableName).orElseThrow().id();
            start.commit();
        } finally {
            rollbackIfActive(start);
        }
        try {
            byte[] next = null;
            do {
                if (cancelled.getAsBoolean()) {
                    throw new SqlStateException("57014", "canceling CREATE INDEX " + indexName + " on request");
                }
                byte[] from = next;
                next = inStep(tx -> backfill(tx, tableId, index.id(), from));
            } while (next != null);
            inStep(tx -> {
                store.finishIndexBuild(tx, tableId, index.id());
                return null;
            });
            return index.built();
        } catch (RuntimeException e) {
            abandon(tableId, index.id(), e);
            throw e;
        }
    }

    /**
     * Writes the entries of up to {@link #BATCH} rows from {@code from} (null: the first row);
     * returns where the next batch starts, or null after the last row.
     */
    private byte[] backfill(Transaction tx, int tableId, int indexId, byte[] from) {
        TableDef table = tableWithIndex(tx, tableId, indexId);
        IndexDef index = table.indexes().stream().filter(i -> i.id() == indexId).findFirst().orElseThrow();
        byte[] rows = TableKeys.rowPrefix(table);
        List<KvEntry> batch = tx.scan(from == null ? rows : from, ByteKeys.prefixEnd(rows), BATCH, false);
        RowCodec codec = table.rowCodec();
        for (KvEntry row : batch) {
            TableKeys.IndexEntry entry = TableKeys.indexEntry(table, index, codec.decode(row.value()), row.key());
            if (index.unique() && entry.value().length > 0) {
                Optional<byte[]> present = tx.get(entry.key());
                if (present.isPresent() && !Arrays.equals(present.get(), entry.value())) {
                    throw CatalogException.uniqueViolation("could not create unique index " + index.name()
                            + ": table " + table.name() + " has duplicate values in " + columnNames(table, index));
                }
            }
            tx.put(entry.key(), entry.value());
        }
        return batch.size() < BATCH ? null : ByteKeys.keySuccessor(batch.get(batch.size() - 1).key());
    }

    /** Drops the unfinished index if it is still there; a failure to do so is added to {@code cause}. */
    private void abandon(int tableId, int indexId, RuntimeException cause) {
        try {
            inStep(tx -> {
                Optional<TableDef> table = store.read(tx).tableById(tableId);
                Optional<IndexDef> index = table.flatMap(t -> t.indexes().stream().filter(i -> i.id() == indexId).findFirst());
                if (index.isPresent()) {
                    store.dropIndex(tx, table.get().schema(), index.get().name());
                }
                return null;
            });
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private TableDef tableWithIndex(Transaction tx, int tableId, int indexId) {
        TableDef table = store.read(tx).tableById(tableId).orElseThrow(() -> vanished(tableId, indexId));
        if (table.indexes().stream().noneMatch(i -> i.id() == indexId)) {
            throw vanished(tableId, indexId);
        }
        return table;
    }

    /** The index being built (or its table) was dropped by someone else meanwhile. */
    static CatalogException vanished(int tableId, int indexId) {
        return CatalogException.concurrentlyChanged("the index being built (id " + indexId + " of table id " + tableId
                + ") was dropped by a concurrent statement");
    }

    private static String columnNames(TableDef table, IndexDef index) {
        return table.indexColumns(index).stream().map(ColumnDef::name).toList().toString();
    }

    private interface Step<T> {
        T run(Transaction tx);
    }

    /** Runs {@code step} in a transaction of its own and commits it, again on a conflict. */
    private <T> T inStep(Step<T> step) {
        for (int attempt = 1; ; attempt++) {
            Transaction tx = transactions.get();
            try {
                T result = step.run(tx);
                tx.commit();
                return result;
            } catch (TransactionConflictException e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw e;
                }
                pause(attempt);
            } finally {
                rollbackIfActive(tx);
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(50, attempt * 2L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SqlStateException("57014", "canceling CREATE INDEX: the thread was interrupted", e);
        }
    }

    private static void rollbackIfActive(Transaction tx) {
        if (tx.isActive()) {
            tx.rollback();
        }
    }
}
