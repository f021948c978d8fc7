package io.synod.sql.catalog;

import io.synod.sql.encoding.KeyDecoder;
import io.synod.sql.encoding.KeyEncoder;
import io.synod.sql.encoding.KeySpace;

import java.util.Arrays;
import java.util.List;

/**
 * The keys of a table's rows and index entries (the layout of {@link KeySpace}): a row lives at
 * {@code indexPrefix(table, 0) <primary key values>} (or the hidden row id); a secondary index
 * entry is {@code indexPrefix(table, index) <indexed values> <primary key values>} with an empty
 * value, except that a UNIQUE index entry with no NULL indexed value is keyed by the indexed
 * values alone and holds the primary key values, so a uniqueness check is one point read.
 */
public final class TableKeys {

    /** An index entry to put. */
    public record IndexEntry(byte[] key, byte[] value) {
    }

    private static final int PRIMARY_PREFIX_LENGTH = KeySpace.indexPrefix(0, 0).length;

    private TableKeys() {
    }

    /** Every row of {@code table} has a key in {@code [this, prefixEnd(this))}. */
    public static byte[] rowPrefix(TableDef table) {
        return KeySpace.indexPrefix(table.id(), KeySpace.PRIMARY_INDEX_ID);
    }

    /** The key of {@code row} (values in {@link TableDef#columns()} order) of a table with a primary key. */
    public static byte[] rowKey(TableDef table, Object[] row) {
        if (table.hiddenRowId()) {
            throw new IllegalArgumentException("table " + table.name() + " is keyed by a hidden row id");
        }
        KeyEncoder key = new KeyEncoder(rowPrefix(table));
        for (int id : table.primaryKey()) {
            int position = position(table, id);
            key.write(table.columns().get(position).type().type(), row[position]);
        }
        return key.toByteArray();
    }

    /** The key of the row with hidden row id {@code rowId}. */
    public static byte[] rowKey(TableDef table, long rowId) {
        if (!table.hiddenRowId()) {
            throw new IllegalArgumentException("table " + table.name() + " has a primary key");
        }
        return new KeyEncoder(rowPrefix(table)).writeLong(rowId).toByteArray();
    }

    /**
     * The primary key values of a row key, in key order (the hidden row id as a Long).
     */
    public static Object[] primaryKeyValues(TableDef table, byte[] rowKey) {
        KeyDecoder in = new KeyDecoder(rowKey, PRIMARY_PREFIX_LENGTH);
        if (table.hiddenRowId()) {
            return new Object[] {in.readLong()};
        }
        List<ColumnDef> pk = table.primaryKeyColumns();
        Object[] values = new Object[pk.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.read(pk.get(i).type());
        }
        return values;
    }

    /** The entry of {@code index} for {@code row}, whose key is {@code rowKey}. */
    public static IndexEntry indexEntry(TableDef table, IndexDef index, Object[] row, byte[] rowKey) {
        KeyEncoder key = new KeyEncoder(KeySpace.indexPrefix(table.id(), index.id()));
        boolean anyNull = false;
        for (int id : index.columns()) {
            int position = position(table, id);
            Object value = row[position];
            anyNull |= value == null;
            key.write(table.columns().get(position).type().type(), value);
        }
        byte[] primaryKey = Arrays.copyOfRange(rowKey, PRIMARY_PREFIX_LENGTH, rowKey.length);
        if (index.unique() && !anyNull) {
            return new IndexEntry(key.toByteArray(), primaryKey);
        }
        return new IndexEntry(key.writeRaw(primaryKey).toByteArray(), new byte[0]);
    }

    /** The position of column {@code id} in the table's columns; a dangling id is a corrupt catalog. */
    private static int position(TableDef table, int id) {
        int position = table.columnPosition(id);
        if (position < 0) {
            throw new IllegalStateException("table " + table.name() + " refers to unknown column id " + id);
        }
        return position;
    }

    /** The key of the row an index entry points to. */
    public static byte[] rowKeyOfIndexEntry(TableDef table, IndexDef index, byte[] entryKey, byte[] entryValue) {
        KeyEncoder rowKey = new KeyEncoder(rowPrefix(table));
        if (entryValue.length > 0) {
            return rowKey.writeRaw(entryValue).toByteArray();
        }
        KeyDecoder in = new KeyDecoder(entryKey, PRIMARY_PREFIX_LENGTH);
        for (int i = 0; i < index.columns().size(); i++) {
            in.skip();
        }
        return rowKey.writeRaw(Arrays.copyOfRange(entryKey, in.position(), entryKey.length)).toByteArray();
    }
}
