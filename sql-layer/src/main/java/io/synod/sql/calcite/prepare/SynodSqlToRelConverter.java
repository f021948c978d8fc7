package io.synod.sql.calcite.prepare;

import io.synod.sql.calcite.rel.LogicalUpsert;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.logical.LogicalTableModify;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.SqlToRelConverter;

/**
 * Calcite's SQL-to-relational conversion, except that {@code UPSERT INTO t ...} becomes a
 * {@link LogicalUpsert} (insert, replacing the row of the same primary key) rather than the
 * plain INSERT Calcite makes of it, and comparisons with CHAR values ignore trailing blanks
 * ({@link PadSpaceComparisons}), and a string literal too long for the CHAR or VARCHAR column it
 * is stored into fails ({@link StoreAssignment}) instead of being cut by Calcite's cast, and CASE
 * branches keep their values without the casts to NOT NULL that the simplifier misreads
 * ({@link GuardedNullabilityCasts}), and an outer join on a condition that is always false is
 * its preserved side padded with NULLs ({@link FalseOuterJoins}).
 */
final class SynodSqlToRelConverter extends SqlToRelConverter {

    SynodSqlToRelConverter(RelOptTable.ViewExpander viewExpander, SqlValidator validator,
                           Prepare.CatalogReader catalogReader, RelOptCluster cluster,
                           SqlRexConvertletTable convertletTable, Config config) {
        super(viewExpander, validator, catalogReader, cluster, convertletTable, config);
    }

    @Override
    public RelRoot convertQuery(SqlNode query, boolean needsValidation, boolean top) {
        RelRoot root = super.convertQuery(query, needsValidation, top);
        if (query instanceof SqlInsert insert && insert.getSource().getKind() == SqlKind.VALUES) {
            RelDataType target = getTargetTable(insert).getRowType();
            SqlNodeList columns = insert.getTargetColumnList();
            for (SqlNode row : ((SqlCall) insert.getSource()).getOperandList()) {
                List<SqlNode> values = ((SqlCall) row).getOperandList();
                for (int i = 0; i < values.size(); i++) {
                    RelDataTypeField field = columns == null ? target.getFieldList().get(i)
                            : field(target, columns.get(i));
                    StoreAssignment.checkLength(values.get(i), field);
                }
            }
        } else if (query instanceof SqlUpdate update) {
            RelDataType target = getTargetTable(update).getRowType();
            for (int i = 0; i < update.getTargetColumnList().size(); i++) {
                StoreAssignment.checkLength(update.getSourceExpressionList().get(i),
                        field(target, update.getTargetColumnList().get(i)));
            }
        }
        return root.withRel(FalseOuterJoins.apply(GuardedNullabilityCasts.apply(PadSpaceComparisons.apply(root.rel))));
    }

    private RelDataTypeField field(RelDataType target, SqlNode column) {
        String name = ((SqlIdentifier) column).getSimple();
        RelDataTypeField field = target.getField(name, true, false);
        if (field == null) {
            throw new IllegalStateException("validated column " + name + " not in " + target);
        }
        return field;
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
