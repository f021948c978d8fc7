package io.synod.sql.calcite.schema;

import io.synod.sql.calcite.CalciteConnections;
import io.synod.sql.calcite.SessionContext;
import io.synod.sql.catalog.SchemaDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.lookup.Lookup;

/**
 * The root of a connection's schema tree: one {@link SynodSchema} per catalog schema of the
 * current transaction, plus {@code SYS} with the session's system tables.
 */
public final class SynodRootSchema extends AbstractSchema {

    private final SessionContext ctx;
    private final Schema sys;
    private CalciteSchema root;

    public SynodRootSchema(SessionContext ctx, Map<String, Table> sysTables) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        Map<String, Table> tables = Map.copyOf(sysTables);
        this.sys = new AbstractSchema() {
            @Override
            protected Map<String, Table> getTableMap() {
                return tables;
            }
        };
    }

    /** Binds the Calcite schema wrapping this one (views resolve their SQL from it). Called once. */
    public void attach(CalciteSchema root) {
        if (this.root != null) {
            throw new IllegalStateException("root schema already attached");
        }
        this.root = Objects.requireNonNull(root, "root");
    }

    public SessionContext session() {
        return ctx;
    }

    CalciteSchema calciteRoot() {
        if (root == null) {
            throw new IllegalStateException("root schema not attached");
        }
        return root;
    }

    @Override
    public Lookup<Schema> subSchemas() {
        return new CatalogLookup<>(this::schemaNames, this::subSchema);
    }

    private List<String> schemaNames() {
        List<String> names = new ArrayList<>();
        for (SchemaDef s : ctx.catalog().schemas()) {
            names.add(s.name());
        }
        names.add(CalciteConnections.SYS_SCHEMA);
        return names;
    }

    private Schema subSchema(String name) {
        if (name.equals(CalciteConnections.SYS_SCHEMA)) {
            return sys;
        }
        return ctx.catalog().schema(name).map(s -> (Schema) new SynodSchema(this, s.name())).orElse(null);
    }

    @Override
    public boolean isMutable() {
        return false;
    }
}
