package io.synod.sql.calcite.rel;

import io.synod.sql.catalog.ColumnDef;
import io.synod.sql.catalog.IndexDef;
import io.synod.sql.catalog.TableDef;
import java.util.ArrayList;
import java.util.List;

/**
 * How a scan reaches its rows: the key it walks (the primary key, or a secondary index followed
 * by a primary-key lookup per entry), equality values for a prefix of the key's columns, and
 * optional bounds on the next column.
 */
public record AccessPath(Kind kind, IndexDef index, List<KeyValue> equalities, Bound lower, Bound upper) {

    /** The access kinds, named as {@code EXPLAIN} shows them. */
    public enum Kind {
        PK_POINT("pk-point"), PK_RANGE("pk-range"), INDEX_RANGE("index-range"), FULL_SCAN("full-scan");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A bound on the key column after the equality prefix. */
    public record Bound(KeyValue value, boolean inclusive) {
    }

    public static final AccessPath FULL_SCAN = new AccessPath(Kind.FULL_SCAN, null, List.of(), null, null);

    public AccessPath {
        equalities = List.copyOf(equalities);
        if ((kind == Kind.INDEX_RANGE) != (index != null)) {
            throw new IllegalArgumentException("an index path needs its index, and only it");
        }
    }

    public boolean usesIndex() {
        return index != null;
    }

    /** The columns of the key walked, in key order (empty for a hidden row id). */
    public List<ColumnDef> keyColumns(TableDef table) {
        return index != null ? table.indexColumns(index) : table.primaryKeyColumns();
    }

    /** {@code pk-point}, {@code index-range(IX)}... as {@code EXPLAIN} shows it. */
    public String label() {
        return index == null ? kind.label() : kind.label() + "(" + index.name() + ")";
    }

    /** The key bounds, e.g. {@code A = 1, B >= 5, B < 9}. */
    public String describeBounds(TableDef table) {
        List<ColumnDef> key = keyColumns(table);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < equalities.size(); i++) {
            parts.add(key.get(i).name() + " = " + equalities.get(i));
        }
        if (lower != null) {
            parts.add(key.get(equalities.size()).name() + (lower.inclusive() ? " >= " : " > ") + lower.value());
        }
        if (upper != null) {
            parts.add(key.get(equalities.size()).name() + (upper.inclusive() ? " <= " : " < ") + upper.value());
        }
        return String.join(", ", parts);
    }
}
