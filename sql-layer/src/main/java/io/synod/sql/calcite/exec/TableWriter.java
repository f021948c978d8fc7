package io.synod.sql.calcite.exec;

import io.synod.sql.SqlStateException;
import io.synod.sql.calcite.SessionContext;
import io.synod.sql.catalog.ColumnDef;
import io.synod.sql.catalog.IndexDef;
import io.synod.sql.catalog.TableDef;
import io.synod.sql.catalog.TableKeys;
import io.synod.sql.encoding.RowCodec;
import io.synod.sql.kv.ByteKeys;
import io.synod.sql.kv.KvEntry;
import io.synod.sql.txn.Transaction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Writes rows of one table into the session's transaction, keeping its secondary indexes in
 * step: a row is its primary-key entry plus one entry per index. Checks NOT NULL (23502), the
 * primary key (23505) and unique indexes (23505) before writing: in an explicit transaction with
 * one point read each, in autocommit as conditions of the statement's commit (no read).
 */
final class TableWriter {

    private final SessionContext session;
    private final TableDef table;
    private final Transaction tx;
    private final RowCodec codec;
    private Map<List<Object>, Deque<byte[]>> hiddenKeys;

    TableWriter(SessionContext session, TableDef table) {
        this.session = session;
        this.table = table;
        this.tx = session.transaction();
        this.codec = table.rowCodec();
    }

    /** {@code values} converted to the columns' types, with NOT NULL checked. */
    Object[] coerce(Object[] values) {
        Object[] row = new Object[table.columns().size()];
        for (int i = 0; i < row.length; i++) {
            ColumnDef column = table.columns().get(i);
            row[i] = ValueCoercion.toColumn(values[i], column);
            if (row[i] == null && !column.nullable()) {
                throw new SqlStateException("23502", "null value in column " + column.name() + " of table "
                        + table.name() + " violates not-null constraint");
            }
        }
        return row;
    }

    /** The key a new row gets: its primary key, or a fresh hidden row id. */
    byte[] newKey(Object[] row) {
        return table.hiddenRowId()
                ? TableKeys.rowKey(table, session.sequences().nextRowId(table.id()))
                : TableKeys.rowKey(table, row);
    }

    /** The key of a row a scan of this statement returned. */
    byte[] keyOf(Object[] row) {
        if (!table.hiddenRowId()) {
            return TableKeys.rowKey(table, row);
        }
        // Rows of a table without a primary key are found by their values: equal rows are
        // interchangeable, so each one read is matched to a distinct stored key.
        Deque<byte[]> keys = hiddenKeys().get(Arrays.asList(row));
        if (keys == null || keys.isEmpty()) {
            throw new IllegalStateException("row to modify not found in " + table.name());
        }
        return keys.poll();
    }

    private Map<List<Object>, Deque<byte[]>> hiddenKeys() {
        if (hiddenKeys == null) {
            hiddenKeys = new HashMap<>();
            byte[] prefix = TableKeys.rowPrefix(table);
            for (KvEntry entry : tx.scan(prefix, ByteKeys.prefixEnd(prefix), 0, false)) {
                hiddenKeys.computeIfAbsent(Arrays.asList(codec.decode(entry.value())), k -> new ArrayDeque<>())
                        .add(entry.key());
            }
        }
        return hiddenKeys;
    }

    /** Writes a new row at {@code key}, which must be free, and its index entries. */
    void insert(byte[] key, Object[] row) {
        // The statement's transaction commits right after it in autocommit: checking there is
        // checking in the statement, and saves a store round trip per key.
        boolean checkAtCommit = !session.explicitTransaction();
        if (!table.hiddenRowId()) {
            String primaryKey = describe(table.primaryKeyColumns(), row);
            tx.checkAbsent(key, () -> new SqlStateException("23505", "duplicate key value violates the primary key"
                    + " of table " + table.name() + ": " + primaryKey + " already exists"), checkAtCommit);
        }
        for (IndexDef index : table.indexes()) {
            TableKeys.IndexEntry entry = TableKeys.indexEntry(table, index, row, key);
            if (index.unique() && entry.value().length > 0) {
                String values = describe(table.indexColumns(index), row);
                tx.checkAbsent(entry.key(), () -> new SqlStateException("23505", "duplicate key value violates"
                        + " unique index " + index.name() + " of table " + table.name() + ": " + values
                        + " already exists"), checkAtCommit);
            }
            tx.put(entry.key(), entry.value());
        }
        tx.put(key, codec.encode(row));
    }

    /** Writes a row at {@code key}, first deleting the row there (and its index entries) if there is one. */
    void replace(byte[] key, Object[] row) {
        tx.get(key).ifPresent(old -> delete(key, codec.decode(old)));
        insert(key, row);
    }

    /** Deletes the row at {@code key} (whose values are {@code row}) and its index entries. */
    void delete(byte[] key, Object[] row) {
        for (IndexDef index : table.indexes()) {
            tx.delete(TableKeys.indexEntry(table, index, row, key).key());
        }
        tx.delete(key);
    }

    private String describe(List<ColumnDef> columns, Object[] row) {
        StringJoiner names = new StringJoiner(", ", "(", ")");
        StringJoiner values = new StringJoiner(", ", "(", ")");
        for (ColumnDef c : columns) {
            names.add(c.name());
            Object v = row[table.columnPosition(c.id())];
            values.add(String.valueOf(v));
        }
        return names + "=" + values;
    }
}
