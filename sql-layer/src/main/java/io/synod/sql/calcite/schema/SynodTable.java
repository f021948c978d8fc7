package io.synod.sql.calcite.schema;

import io.synod.sql.calcite.SessionContext;
import io.synod.sql.calcite.rel.ScanSpec;
import io.synod.sql.calcite.rel.SynodRules;
import io.synod.sql.calcite.rel.SynodTableScan;
import io.synod.sql.catalog.ColumnDef;
import io.synod.sql.catalog.IndexDef;
import io.synod.sql.catalog.TableDef;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.linq4j.Queryable;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.logical.LogicalTableModify;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ModifiableTable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Schemas;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql2rel.InitializerExpressionFactory;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * A table of the catalog as Calcite sees it, bound to the session: read through
 * {@link SynodTableScan}, written through {@code SynodTableModify}, with column DEFAULTs from the
 * catalog ({@link ColumnDefaults}).
 */
public final class SynodTable extends AbstractTable implements TranslatableTable, ModifiableTable {

    private final SessionContext session;
    private final TableDef def;

    public SynodTable(SessionContext session, TableDef def) {
        this.session = session;
        this.def = def;
    }

    public SessionContext session() {
        return session;
    }

    /** The table's definition in the catalog snapshot the statement was planned against. */
    public TableDef def() {
        return def;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        return ColumnTypes.rowType(typeFactory, def);
    }

    /** Keys: the primary key and unique indexes over NOT NULL columns; order: the primary key's. */
    @Override
    public Statistic getStatistic() {
        List<ImmutableBitSet> keys = new ArrayList<>();
        List<RelCollation> collations = new ArrayList<>();
        if (!def.hiddenRowId()) {
            keys.add(positions(def.primaryKeyColumns()));
            List<RelFieldCollation> fields = new ArrayList<>();
            for (ColumnDef c : def.primaryKeyColumns()) {
                fields.add(new RelFieldCollation(def.columnPosition(c.id())));
            }
            collations.add(RelCollations.of(fields));
        }
        for (IndexDef index : def.readableIndexes()) {
            List<ColumnDef> columns = def.indexColumns(index);
            if (index.unique() && columns.stream().noneMatch(ColumnDef::nullable)) {
                keys.add(positions(columns));
            }
        }
        return Statistics.of(1000d, keys, collations);
    }

    private ImmutableBitSet positions(List<ColumnDef> columns) {
        ImmutableBitSet.Builder bits = ImmutableBitSet.builder();
        for (ColumnDef c : columns) {
            bits.set(def.columnPosition(c.id()));
        }
        return bits.build();
    }

    @Override
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
        return SynodTableScan.create(context.getCluster(), relOptTable, this, ScanSpec.FULL_SCAN);
    }

    @Override
    public TableModify toModificationRel(RelOptCluster cluster, RelOptTable table, Prepare.CatalogReader catalogReader,
                                         RelNode child, TableModify.Operation operation,
                                         List<String> updateColumnList, List<RexNode> sourceExpressionList,
                                         boolean flattened) {
        SynodRules.register(cluster.getPlanner());
        return LogicalTableModify.create(table, catalogReader, child, operation, updateColumnList,
                sourceExpressionList, flattened);
    }

    @Override
    public <C> C unwrap(Class<C> aClass) {
        if (aClass == InitializerExpressionFactory.class) {
            return aClass.cast(new ColumnDefaults(def));
        }
        return super.unwrap(aClass);
    }

    /** Not used: rows are written by {@code SynodTableModify}, never through a collection. */
    @Override
    public Collection<?> getModifiableCollection() {
        return null;
    }

    /** Not used: rows are read by {@link SynodTableScan}. */
    @Override
    public <T> Queryable<T> asQueryable(QueryProvider queryProvider, SchemaPlus schema, String tableName) {
        throw new UnsupportedOperationException("Synod tables are read through SynodTableScan");
    }

    @Override
    public Type getElementType() {
        return Object[].class;
    }

    @Override
    public Expression getExpression(SchemaPlus schema, String tableName, Class clazz) {
        return Schemas.tableExpression(schema, getElementType(), tableName, clazz);
    }
}
