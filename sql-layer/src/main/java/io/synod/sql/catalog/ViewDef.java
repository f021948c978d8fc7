package io.synod.sql.catalog;

import java.util.List;
import java.util.Objects;

/** A view: its defining query as written, and the names of its columns. */
public record ViewDef(String schema, String name, String sql, List<String> columnNames) {

    public ViewDef {
        Names.check(schema, "schema");
        Names.check(name, "view");
        Objects.requireNonNull(sql, "sql");
        columnNames = List.copyOf(columnNames);
    }
}
