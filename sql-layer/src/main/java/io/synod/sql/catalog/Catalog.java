package io.synod.sql.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable snapshot of the catalog at one version. Names are matched exactly: the parser
 * has already normalised them (unquoted identifiers upper-cased, quoted ones kept), so
 * {@code "orders"} and {@code ORDERS} are different tables, as in standard SQL. The default
 * schema {@value #DEFAULT_SCHEMA} always exists.
 */
public final class Catalog {

    public static final String DEFAULT_SCHEMA = "PUBLIC";

    /** The catalog of an empty database. */
    public static final Catalog EMPTY = new Catalog(0, List.of(), List.of(), List.of());

    private record Key(String schema, String name) {
    }

    private final long version;
    private final Map<String, SchemaDef> schemas = new TreeMap<>();
    private final Map<Key, TableDef> tables = new TreeMap<>(Catalog::compare);
    private final Map<Key, ViewDef> views = new TreeMap<>(Catalog::compare);

    public Catalog(long version, List<SchemaDef> schemas, List<TableDef> tables, List<ViewDef> views) {
        this.version = version;
        this.schemas.put(DEFAULT_SCHEMA, new SchemaDef(DEFAULT_SCHEMA));
        for (SchemaDef s : schemas) {
            this.schemas.put(s.name(), s);
        }
        for (TableDef t : tables) {
            this.tables.put(new Key(t.schema(), t.name()), t);
        }
        for (ViewDef v : views) {
            this.views.put(new Key(v.schema(), v.name()), v);
        }
    }

    private static int compare(Key a, Key b) {
        int c = a.schema().compareTo(b.schema());
        return c != 0 ? c : a.name().compareTo(b.name());
    }

    /** The version this snapshot was read at (bumped by every DDL). */
    public long version() {
        return version;
    }

    /** All schemas, by name. */
    public List<SchemaDef> schemas() {
        return List.copyOf(schemas.values());
    }

    public Optional<SchemaDef> schema(String name) {
        return Optional.ofNullable(schemas.get(name));
    }

    /** All tables, by schema then name. */
    public List<TableDef> tables() {
        return List.copyOf(tables.values());
    }

    /** The tables of {@code schema}, by name. */
    public List<TableDef> tables(String schema) {
        return tables.values().stream().filter(t -> t.schema().equals(schema)).toList();
    }

    public Optional<TableDef> table(String schema, String name) {
        return Optional.ofNullable(tables.get(new Key(schema, name)));
    }

    public Optional<TableDef> tableById(int id) {
        return tables.values().stream().filter(t -> t.id() == id).findFirst();
    }

    /** All views, by schema then name. */
    public List<ViewDef> views() {
        return List.copyOf(views.values());
    }

    public List<ViewDef> views(String schema) {
        return views.values().stream().filter(v -> v.schema().equals(schema)).toList();
    }

    public Optional<ViewDef> view(String schema, String name) {
        return Optional.ofNullable(views.get(new Key(schema, name)));
    }

    /** The table holding index {@code indexName} of {@code schema}, if any. */
    public Optional<TableDef> tableOfIndex(String schema, String indexName) {
        return tables(schema).stream().filter(t -> t.index(indexName).isPresent()).findFirst();
    }

    /** Whether a table, view or index called {@code name} exists in {@code schema} (one namespace). */
    public boolean relationExists(String schema, String name) {
        return table(schema, name).isPresent() || view(schema, name).isPresent()
                || tableOfIndex(schema, name).isPresent();
    }

    @Override
    public String toString() {
        return "Catalog[version=" + version + ", schemas=" + schemas.keySet() + ", tables=" + tables.size()
                + ", views=" + views.size() + "]";
    }
}
