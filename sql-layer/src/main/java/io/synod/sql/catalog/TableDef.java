package io.synod.sql.catalog;

import io.synod.sql.encoding.KeySpace;
import io.synod.sql.encoding.RowCodec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A table: its id (its key prefix, see {@link KeySpace#tablePrefix}), schema and name, columns
 * in declared order, the ids of its primary key columns in key order, and its secondary indexes.
 * A table declared without a primary key has a {@link #hiddenRowId() hidden row id}: rows are keyed by a hidden
 * BIGINT from the table's row id sequence and {@code primaryKey} is empty.
 */
public record TableDef(int id, String schema, String name, List<ColumnDef> columns, List<Integer> primaryKey,
                       List<IndexDef> indexes) {

    public TableDef {
        if (id < 1) {
            throw new IllegalArgumentException("table ids start at 1: " + id);
        }
        Names.check(schema, "schema");
        Names.check(name, "table");
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        indexes = List.copyOf(indexes);
        if (columns.isEmpty()) {
            throw CatalogException.invalid("table " + name + " has no columns");
        }
    }

    /** The secondary indexes queries may read: all but those still {@linkplain IndexDef#building() building}. */
    public List<IndexDef> readableIndexes() {
        return indexes.stream().filter(i -> !i.building()).toList();
    }

    /** Whether rows are keyed by a hidden row id: exactly when the table has no primary key. */
    public boolean hiddenRowId() {
        return primaryKey.isEmpty();
    }

    /** The column called {@code name} (exact match). */
    public Optional<ColumnDef> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The column with id {@code id}. */
    public Optional<ColumnDef> columnById(int id) {
        return columns.stream().filter(c -> c.id() == id).findFirst();
    }

    /** The position of column {@code id} in {@link #columns()}, or -1. */
    public int columnPosition(int id) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).id() == id) {
                return i;
            }
        }
        return -1;
    }

    /** The primary key columns in key order (empty with a hidden row id). */
    public List<ColumnDef> primaryKeyColumns() {
        return resolve(primaryKey);
    }

    /** The columns of {@code index} in index order. */
    public List<ColumnDef> indexColumns(IndexDef index) {
        return resolve(index.columns());
    }

    /** The secondary index called {@code name}. */
    public Optional<IndexDef> index(String name) {
        return indexes.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    /** The row codec for this table's current columns (values in {@link #columns()} order). */
    public RowCodec rowCodec() {
        List<RowCodec.Column> layout = new ArrayList<>(columns.size());
        for (ColumnDef c : columns) {
            layout.add(new RowCodec.Column(c.id(), c.type(), c.missingValue()));
        }
        return new RowCodec(layout);
    }

    private List<ColumnDef> resolve(List<Integer> ids) {
        List<ColumnDef> out = new ArrayList<>(ids.size());
        for (int id : ids) {
            out.add(columnById(id).orElseThrow(() -> new IllegalStateException(
                    "table " + name + " refers to unknown column id " + id)));
        }
        return out;
    }
}
