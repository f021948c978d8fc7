package io.synod.sql.catalog;

import io.synod.sql.types.SqlTypeDescriptor;

import java.util.Objects;

/** A column as a DDL statement declares it; {@link CatalogStore} gives it its id. */
public record ColumnSpec(String name, SqlTypeDescriptor type, boolean nullable, String defaultSql) {

    public ColumnSpec {
        Names.check(name, "column");
        Objects.requireNonNull(type, "type");
    }
}
