package io.synod.sql.catalog;

import java.util.Objects;

/** A schema: a namespace of tables, views and indexes. Names are stored exactly as given. */
public record SchemaDef(String name) {

    public SchemaDef {
        Names.check(name, "schema");
    }
}
