package io.synod.sql.calcite.prepare;

import io.synod.sql.calcite.rel.LogicalUpsert;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalTableModify;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.SqlToRelConverter;

/**
 * Calcite's SQL-to-relational conversion, except that {@code UPSERT INTO t ...} becomes a
 * {@link LogicalUpsert} (insert, replacing the row of the same primary key) rather than the
 * plain INSERT Calcite makes of it.
 */
final class SynodSqlToRelConverter extends SqlToRelConverter {

    SynodSqlToRelConverter(RelOptTable.ViewExpander viewExpander, SqlValidator validator,
                           Prepare.CatalogReader catalogReader, RelOptCluster cluster,
                           SqlRexConvertletTable convertletTable, Config config) {
        super(viewExpander, validator, catalogReader, cluster, convertletTable, config);
    }

    @Override
    protected RelNode convertInsert(SqlInsert call) {
        RelNode converted = super.convertInsert(call);
        if (call.isUpsert() && converted instanceof LogicalTableModify insert) {
            return LogicalUpsert.of(insert);
        }
        return converted;
    }
}
