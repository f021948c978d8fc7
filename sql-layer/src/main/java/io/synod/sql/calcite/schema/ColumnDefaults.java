package io.synod.sql.calcite.schema;

import io.synod.sql.catalog.ColumnDef;
import io.synod.sql.catalog.TableDef;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ColumnStrategy;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql2rel.InitializerContext;
import org.apache.calcite.sql2rel.NullInitializerExpressionFactory;

/**
 * Column defaults for INSERT: Calcite fills a column left out of the column list (or given as
 * {@code DEFAULT}) with the catalog's DEFAULT expression, else NULL; a NOT NULL column with no
 * default must be given.
 */
final class ColumnDefaults extends NullInitializerExpressionFactory {

    private final TableDef table;

    ColumnDefaults(TableDef table) {
        this.table = table;
    }

    @Override
    public ColumnStrategy generationStrategy(RelOptTable relOptTable, int iColumn) {
        ColumnDef column = table.columns().get(iColumn);
        if (column.defaultSql() != null) {
            return ColumnStrategy.DEFAULT;
        }
        return column.nullable() ? ColumnStrategy.NULLABLE : ColumnStrategy.NOT_NULLABLE;
    }

    @Override
    public RexNode newColumnDefaultValue(RelOptTable relOptTable, int iColumn, InitializerContext context) {
        ColumnDef column = table.columns().get(iColumn);
        if (column.defaultSql() == null) {
            return super.newColumnDefaultValue(relOptTable, iColumn, context);
        }
        SqlNode expression = context.parseExpression(SqlParser.config(), column.defaultSql());
        RexNode value = context.convertExpression(expression);
        RelDataType type = relOptTable.getRowType().getFieldList().get(iColumn).getType();
        RexBuilder rexBuilder = context.getRexBuilder();
        return rexBuilder.ensureType(type, value, true);
    }
}
