package io.synod.sql.catalog;

import java.util.List;

/**
 * A secondary index of a table: {@code id} (1 and up; 0 is the primary key), a name unique in
 * its schema, the ids of the indexed columns in order, and whether the indexed values are unique
 * (rows with a NULL in an indexed column never conflict).
 */
public record IndexDef(int id, String name, List<Integer> columns, boolean unique) {

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
}
