package io.synod.sql.calcite.ddl;

import io.synod.sql.SqlStateException;
import io.synod.sql.catalog.Catalog;
import java.util.List;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.sql.SqlIdentifier;

/** A schema-qualified object name; an unqualified one is in the connection's default schema. */
record QualifiedName(String schema, String name) {

    static QualifiedName of(CalcitePrepare.Context context, SqlIdentifier id) {
        if (id.names.size() == 1) {
            List<String> path = context.getDefaultSchemaPath();
            String schema = path.isEmpty() ? Catalog.DEFAULT_SCHEMA : path.get(path.size() - 1);
            return new QualifiedName(schema, id.names.get(0));
        }
        if (id.names.size() == 2) {
            return new QualifiedName(id.names.get(0), id.names.get(1));
        }
        throw new SqlStateException("42601", "improper qualified name (too many dotted names): " + id);
    }

    @Override
    public String toString() {
        return schema + "." + name;
    }
}
