package io.synod.sql.catalog;

import io.synod.sql.types.SqlTypeDescriptor;

import java.util.Objects;

/**
 * A table column. {@code id} is stable for the table's life (rows are stored by column id);
 * {@code defaultSql} is the DEFAULT expression as written, or null; {@code missingValue} is what
 * rows written before the column was added read as (its DEFAULT evaluated when it was added, or
 * null; always null for columns created with the table).
 */
public record ColumnDef(int id, String name, SqlTypeDescriptor type, boolean nullable, String defaultSql,
                        Object missingValue) {

    public ColumnDef {
        if (id < 1) {
            throw new IllegalArgumentException("column ids start at 1: " + id);
        }
        Names.check(name, "column");
        Objects.requireNonNull(type, "type");
    }

    public ColumnDef(int id, String name, SqlTypeDescriptor type, boolean nullable, String defaultSql) {
        this(id, name, type, nullable, defaultSql, null);
    }
}
