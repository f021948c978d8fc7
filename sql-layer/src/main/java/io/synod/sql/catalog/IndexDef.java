package io.synod.sql.catalog;

import java.util.List;

/**
 * A secondary index of a table: {@code id} (1 and up; 0 is the primary key), a name unique in
 * its schema, the ids of the indexed columns in order, and whether the indexed values are unique
 * (rows with a NULL in an indexed column never conflict). A {@code building} index is being
 * filled for the rows that existed before it: writes already maintain it (and a unique one
 * already refuses duplicates), but queries do not read it until it is complete.
 */
public record IndexDef(int id, String name, List<Integer> columns, boolean unique, boolean building) {

    public IndexDef {
        if (id < 1) {
            throw new IllegalArgumentException("secondary index ids start at 1: " + id);
        }
        Names.check(name, "index");
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw CatalogException.invalid("index " + name + " has no columns");
        }
    }

    /** A complete index. */
    public IndexDef(int id, String name, List<Integer> columns, boolean unique) {
        this(id, name, columns, unique, false);
    }

    /** This index, complete. */
    public IndexDef built() {
        return new IndexDef(id, name, columns, unique, false);
    }
}
