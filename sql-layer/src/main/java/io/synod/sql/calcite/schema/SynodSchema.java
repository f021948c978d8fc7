package io.synod.sql.calcite.schema;

import io.synod.sql.catalog.Catalog;
import io.synod.sql.catalog.TableDef;
import io.synod.sql.catalog.ViewDef;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.rel.type.RelProtoDataType;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.SchemaVersion;
import org.apache.calcite.schema.Schemas;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.ViewTable;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.schema.lookup.Lookup;

/**
 * One catalog schema as Calcite sees it: its tables as {@link SynodTable}s and its views as view
 * macros, all looked up in the session's current catalog at each call.
 */
final class SynodSchema implements Schema {

    private final SynodRootSchema root;
    private final String name;

    SynodSchema(SynodRootSchema root, String name) {
        this.root = root;
        this.name = name;
    }

    private Catalog catalog() {
        return root.session().catalog();
    }

    @Override
    public Lookup<Table> tables() {
        return new CatalogLookup<>(() -> tableNames(catalog()), this::table);
    }

    private Table table(String tableName) {
        return catalog().table(name, tableName).map(t -> (Table) new SynodTable(root.session(), t)).orElse(null);
    }

    private List<String> tableNames(Catalog catalog) {
        return catalog.tables(name).stream().map(TableDef::name).toList();
    }

    @Override
    public Lookup<? extends Schema> subSchemas() {
        return Lookup.empty();
    }

    @Override
    @Deprecated
    public Table getTable(String tableName) {
        return table(tableName);
    }

    @Override
    @Deprecated
    public Set<String> getTableNames() {
        return tables().getNames(LikePattern.any());
    }

    @Override
    public RelProtoDataType getType(String typeName) {
        return null;
    }

    @Override
    public Set<String> getTypeNames() {
        return Set.of();
    }

    /** A view is a nullary table macro: Calcite expands its query where the view is used. */
    @Override
    public Collection<Function> getFunctions(String functionName) {
        return catalog().view(name, functionName).map(this::viewMacro).map(List::of).orElse(List.of());
    }

    private Function viewMacro(ViewDef view) {
        SchemaPlus schemaPlus = root.calciteRoot().getSubSchema(name, true).plus();
        return ViewTable.viewMacro(schemaPlus, view.sql(), List.of(name), List.of(name, view.name()), false);
    }

    @Override
    public Set<String> getFunctionNames() {
        return catalog().views(name).stream().map(ViewDef::name).collect(Collectors.toCollection(
                java.util.TreeSet::new));
    }

    @Override
    @Deprecated
    public Schema getSubSchema(String subSchemaName) {
        return null;
    }

    @Override
    @Deprecated
    public Set<String> getSubSchemaNames() {
        return Set.of();
    }

    @Override
    public Expression getExpression(SchemaPlus parentSchema, String schemaName) {
        return Schemas.subSchemaExpression(parentSchema, schemaName, getClass());
    }

    @Override
    public boolean isMutable() {
        return false;
    }

    @Override
    public Schema snapshot(SchemaVersion version) {
        return this;
    }
}
