package io.synod.sql.catalog;

import io.synod.sql.encoding.KeySpace;
import io.synod.sql.encoding.RowCodec;
import io.synod.sql.kv.ByteKeys;
import io.synod.sql.kv.KvEntry;
import io.synod.sql.txn.Sequences;
import io.synod.sql.txn.Transaction;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and changes the catalog inside a {@link Transaction}. Every change reads the whole
 * catalog through the transaction (so concurrent DDL conflicts at commit, 40001), checks the
 * statement against it, writes the changed object and bumps the catalog version. Errors are
 * {@link CatalogException}s with PostgreSQL's SQLStates; nothing is written when one is thrown.
 * Dropped tables and indexes leave their data behind under a purge marker
 * ({@link KeySpace#droppedKey}) for {@link DroppedDataPurger}. Thread-safe (stateless but for
 * the shared id sequences).
 */
public final class CatalogStore {

    private final Sequences sequences;

    public CatalogStore(Sequences sequences) {
        this.sequences = Objects.requireNonNull(sequences, "sequences");
    }

    /** The catalog as {@code tx} sees it (including its own uncommitted DDL). */
    public Catalog read(Transaction tx) {
        List<KvEntry> entries = tx.scan(KeySpace.CATALOG_PREFIX, ByteKeys.prefixEnd(KeySpace.CATALOG_PREFIX), 0, false);
        long version = 0;
        List<SchemaDef> schemas = new ArrayList<>();
        List<TableDef> tables = new ArrayList<>();
        List<ViewDef> views = new ArrayList<>();
        for (KvEntry e : entries) {
            if (java.util.Arrays.equals(e.key(), KeySpace.CATALOG_VERSION)) {
                version = KeySpace.decodeCatalogVersion(e.value());
            } else if (ByteKeys.startsWith(e.key(), KeySpace.CATALOG_OBJECTS)) {
                Object object = CatalogCodec.decode(e.value());
                if (object instanceof SchemaDef s) {
                    schemas.add(s);
                } else if (object instanceof TableDef t) {
                    tables.add(t);
                } else if (object instanceof ViewDef v) {
                    views.add(v);
                }
            }
        }
        return new Catalog(version, schemas, tables, views);
    }

    // ------------------------------------------------------------------ schemas

    public SchemaDef createSchema(Transaction tx, String name) {
        SchemaDef schema = new SchemaDef(name);
        Catalog catalog = read(tx);
        if (catalog.schema(name).isPresent()) {
            throw CatalogException.schemaExists(name);
        }
        tx.put(CatalogCodec.schemaKey(name), CatalogCodec.encode(schema));
        bump(tx, catalog);
        return schema;
    }

    /** Drops an empty schema. */
    public void dropSchema(Transaction tx, String name) {
        Catalog catalog = read(tx);
        requireSchema(catalog, name);
        if (name.equals(Catalog.DEFAULT_SCHEMA)) {
            throw CatalogException.notSupported("the default schema " + name + " cannot be dropped");
        }
        if (!catalog.tables(name).isEmpty() || !catalog.views(name).isEmpty()) {
            throw CatalogException.notEmpty("schema " + name + " is not empty: drop its tables and views first");
        }
        tx.delete(CatalogCodec.schemaKey(name));
        bump(tx, catalog);
    }

    // ------------------------------------------------------------------ tables

    /**
     * Creates a table with {@code columns} (ids 1..n in order) and a primary key over the named
     * columns (made NOT NULL), or a hidden row id if {@code primaryKey} is empty.
     */
    public TableDef createTable(Transaction tx, String schema, String name, List<ColumnSpec> columns,
                                List<String> primaryKey) {
        Names.check(name, "table");
        Catalog catalog = read(tx);
        requireSchema(catalog, schema);
        requireFreeName(catalog, "table", schema, name);
        if (columns.isEmpty()) {
            throw CatalogException.invalid("table " + name + " must have at least one column");
        }
        Set<String> names = new HashSet<>();
        for (ColumnSpec c : columns) {
            if (!names.add(c.name())) {
                throw CatalogException.columnExists(name, c.name());
            }
        }
        List<Integer> keyIds = new ArrayList<>();
        for (String k : primaryKey) {
            int position = positionOf(columns, k);
            if (position < 0) {
                throw CatalogException.unknownColumn(name, k);
            }
            if (keyIds.contains(position + 1)) {
                throw CatalogException.invalid("column " + k + " appears twice in the primary key of " + name);
            }
            keyIds.add(position + 1);
        }
        List<ColumnDef> defs = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            ColumnSpec c = columns.get(i);
            boolean nullable = c.nullable() && !keyIds.contains(i + 1);
            defs.add(new ColumnDef(i + 1, c.name(), c.type(), nullable, c.defaultSql()));
        }
        TableDef table = new TableDef(sequences.nextTableId(), schema, name, defs, keyIds, List.of());
        tx.put(CatalogCodec.tableKey(schema, name), CatalogCodec.encode(table));
        bump(tx, catalog);
        return table;
    }

    /** Drops a table; its rows and index entries are left for {@link DroppedDataPurger}. */
    public TableDef dropTable(Transaction tx, String schema, String name) {
        Catalog catalog = read(tx);
        requireSchema(catalog, schema);
        TableDef table = catalog.table(schema, name)
                .orElseThrow(() -> CatalogException.unknownRelation("table", schema, name));
        tx.delete(CatalogCodec.tableKey(schema, name));
        tx.put(KeySpace.droppedKey(KeySpace.tablePrefix(table.id())), new byte[0]);
        bump(tx, catalog);
        return table;
    }

    /**
     * Adds a column at the end of a table. Rows already stored read it as {@code missingValue}
     * (the DEFAULT evaluated now, or null); a NOT NULL column without one needs an empty table.
     */
    public ColumnDef addColumn(Transaction tx, String schema, String tableName, ColumnSpec column,
                               Object missingValue) {
        Catalog catalog = read(tx);
        requireSchema(catalog, schema);
        TableDef table = catalog.table(schema, tableName)
                .orElseThrow(() -> CatalogException.unknownRelation("table", schema, tableName));
        if (table.column(column.name()).isPresent()) {
            throw CatalogException.columnExists(tableName, column.name());
        }
        if (!column.nullable() && missingValue == null) {
            byte[] rows = TableKeys.rowPrefix(table);
            if (!tx.scan(rows, ByteKeys.prefixEnd(rows), 1, false).isEmpty()) {
                throw CatalogException.notNullViolation("column " + column.name() + " of table " + tableName
                        + " is NOT NULL without a DEFAULT, and the table has rows");
            }
        }
        int id = table.columns().stream().mapToInt(ColumnDef::id).max().orElse(0) + 1;
        ColumnDef added = new ColumnDef(id, column.name(), column.type(), column.nullable(), column.defaultSql(),
                missingValue);
        // Fails here, before anything is written, if the value does not fit the type.
        new RowCodec(List.of(new RowCodec.Column(id, column.type()))).encode(new Object[] {missingValue});
        List<ColumnDef> columns = new ArrayList<>(table.columns());
        columns.add(added);
        putTable(tx, new TableDef(table.id(), schema, tableName, columns, table.primaryKey(), table.indexes()));
        bump(tx, catalog);
        return added;
    }

    // ------------------------------------------------------------------ indexes

    /**
     * Creates a secondary index and writes its entries for the rows already stored (all inside
     * {@code tx}, so a big table may exceed the commit size limit: 54000; {@link IndexBuilder}
     * builds one in bounded steps instead).
     */
    public IndexDef createIndex(Transaction tx, String schema, String tableName, String indexName,
                                List<String> columnNames, boolean unique) {
        Catalog catalog = read(tx);
        TableDef table = indexedTable(catalog, schema, tableName, indexName);
        IndexDef index = new IndexDef(sequences.nextIndexId(), indexName, columnIds(table, indexName, columnNames), unique);
        backfill(tx, table, index);
        putIndex(tx, catalog, table, index);
        return index;
    }

    /**
     * Adds a {@linkplain IndexDef#building() building} index: from the commit of {@code tx} on,
     * writes maintain it, while its entries for older rows are still to be written
     * ({@link IndexBuilder}) before {@link #finishIndexBuild} lets queries use it.
     */
    public IndexDef startIndexBuild(Transaction tx, String schema, String tableName, String indexName,
                                    List<String> columnNames, boolean unique) {
        Catalog catalog = read(tx);
        TableDef table = indexedTable(catalog, schema, tableName, indexName);
        IndexDef index = new IndexDef(sequences.nextIndexId(), indexName, columnIds(table, indexName, columnNames),
                unique, true);
        putIndex(tx, catalog, table, index);
        return index;
    }

    /** Marks the building index {@code indexId} of table {@code tableId} complete. */
    public void finishIndexBuild(Transaction tx, int tableId, int indexId) {
        Catalog catalog = read(tx);
        TableDef table = catalog.tableById(tableId).orElseThrow(() -> IndexBuilder.vanished(tableId, indexId));
        List<IndexDef> indexes = new ArrayList<>();
        boolean found = false;
        for (IndexDef i : table.indexes()) {
            found |= i.id() == indexId;
            indexes.add(i.id() == indexId ? i.built() : i);
        }
        if (!found) {
            throw IndexBuilder.vanished(tableId, indexId);
        }
        putTable(tx, new TableDef(table.id(), table.schema(), table.name(), table.columns(), table.primaryKey(), indexes));
        bump(tx, catalog);
    }

    private static TableDef indexedTable(Catalog catalog, String schema, String tableName, String indexName) {
        Names.check(indexName, "index");
        requireSchema(catalog, schema);
        TableDef table = catalog.table(schema, tableName)
                .orElseThrow(() -> CatalogException.unknownRelation("table", schema, tableName));
        requireFreeName(catalog, "index", schema, indexName);
        return table;
    }

    private static List<Integer> columnIds(TableDef table, String indexName, List<String> columnNames) {
        List<Integer> ids = new ArrayList<>();
        for (String c : columnNames) {
            ColumnDef column = table.column(c).orElseThrow(() -> CatalogException.unknownColumn(table.name(), c));
            if (ids.contains(column.id())) {
                throw CatalogException.invalid("column " + c + " appears twice in index " + indexName);
            }
            ids.add(column.id());
        }
        return ids;
    }

    private static void putIndex(Transaction tx, Catalog catalog, TableDef table, IndexDef index) {
        List<IndexDef> indexes = new ArrayList<>(table.indexes());
        indexes.add(index);
        putTable(tx, new TableDef(table.id(), table.schema(), table.name(), table.columns(), table.primaryKey(), indexes));
        bump(tx, catalog);
    }

    /** Writes {@code index}'s entries for the stored rows, after checking them all (a refusal writes nothing). */
    private static void backfill(Transaction tx, TableDef table, IndexDef index) {
        byte[] rows = TableKeys.rowPrefix(table);
        RowCodec codec = table.rowCodec();
        List<TableKeys.IndexEntry> entries = new ArrayList<>();
        Set<byte[]> seen = new TreeSet<>(ByteKeys.ORDER);
        for (KvEntry row : tx.scan(rows, ByteKeys.prefixEnd(rows), 0, false)) {
            TableKeys.IndexEntry entry = TableKeys.indexEntry(table, index, codec.decode(row.value()), row.key());
            if (index.unique() && entry.value().length > 0 && !seen.add(entry.key())) {
                throw CatalogException.uniqueViolation("could not create unique index " + index.name()
                        + ": table " + table.name() + " has duplicate values in its columns");
            }
            entries.add(entry);
        }
        for (TableKeys.IndexEntry entry : entries) {
            tx.put(entry.key(), entry.value());
        }
    }

    /** Drops a secondary index; its entries are left for {@link DroppedDataPurger}. */
    public IndexDef dropIndex(Transaction tx, String schema, String indexName) {
        Catalog catalog = read(tx);
        requireSchema(catalog, schema);
        TableDef table = catalog.tableOfIndex(schema, indexName)
                .orElseThrow(() -> CatalogException.unknownIndex(schema, indexName));
        IndexDef index = table.index(indexName).orElseThrow();
        List<IndexDef> indexes = new ArrayList<>(table.indexes());
        indexes.remove(index);
        putTable(tx, new TableDef(table.id(), schema, table.name(), table.columns(), table.primaryKey(), indexes));
        tx.put(KeySpace.droppedKey(KeySpace.indexPrefix(table.id(), index.id())), new byte[0]);
        bump(tx, catalog);
        return index;
    }

    // ------------------------------------------------------------------ views

    /** Creates a view, or with {@code orReplace} replaces a view of the same name. */
    public ViewDef createView(Transaction tx, ViewDef view, boolean orReplace) {
        Catalog catalog = read(tx);
        requireSchema(catalog, view.schema());
        boolean replacing = orReplace && catalog.view(view.schema(), view.name()).isPresent();
        if (!replacing) {
            requireFreeName(catalog, "view", view.schema(), view.name());
        }
        tx.put(CatalogCodec.viewKey(view.schema(), view.name()), CatalogCodec.encode(view));
        bump(tx, catalog);
        return view;
    }

    public ViewDef dropView(Transaction tx, String schema, String name) {
        Catalog catalog = read(tx);
        requireSchema(catalog, schema);
        ViewDef view = catalog.view(schema, name)
                .orElseThrow(() -> CatalogException.unknownRelation("view", schema, name));
        tx.delete(CatalogCodec.viewKey(schema, name));
        bump(tx, catalog);
        return view;
    }

    // ------------------------------------------------------------------ helpers

    private static void putTable(Transaction tx, TableDef table) {
        tx.put(CatalogCodec.tableKey(table.schema(), table.name()), CatalogCodec.encode(table));
    }

    private static void bump(Transaction tx, Catalog catalog) {
        tx.put(KeySpace.CATALOG_VERSION, KeySpace.encodeCatalogVersion(catalog.version() + 1));
    }

    private static void requireSchema(Catalog catalog, String schema) {
        if (catalog.schema(schema).isEmpty()) {
            throw CatalogException.unknownSchema(schema);
        }
    }

    private static void requireFreeName(Catalog catalog, String what, String schema, String name) {
        if (catalog.relationExists(schema, name)) {
            String existing = catalog.table(schema, name).isPresent() ? "table"
                    : catalog.view(schema, name).isPresent() ? "view" : "index";
            throw CatalogException.relationExists(existing.equals(what) ? what : what + " name: " + existing,
                    schema, name);
        }
    }

    private static int positionOf(List<ColumnSpec> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
