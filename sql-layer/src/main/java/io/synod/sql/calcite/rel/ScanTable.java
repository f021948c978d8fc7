package io.synod.sql.calcite.rel;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.plan.RelOptSchema;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelDistribution;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelReferentialConstraint;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.schema.ColumnStrategy;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * The table as one {@link SynodTableScan} sees it. Calcite's metadata for a table scan (unique
 * keys, column uniqueness, collations) asks the scan's table with field positions of the scan's
 * row type; a scan with a pushed projection or a reverse walk must answer in its own terms, or a
 * projected column would be taken for the primary key (and GROUP BY or DISTINCT on it dropped).
 */
final class ScanTable implements RelOptTable {

    private final RelOptTable table;
    private final ScanSpec spec;
    private final RelDataType rowType;
    private final RelCollation collation;

    ScanTable(RelOptTable table, ScanSpec spec, RelDataType rowType, RelCollation collation) {
        this.table = table;
        this.spec = spec;
        this.rowType = rowType;
        this.collation = collation;
    }

    /** The catalog's table, as the scan was created over. */
    RelOptTable table() {
        return table;
    }

    @Override
    public List<String> getQualifiedName() {
        return table.getQualifiedName();
    }

    @Override
    public double getRowCount() {
        return table.getRowCount();
    }

    @Override
    public RelDataType getRowType() {
        return rowType;
    }

    @Override
    public RelOptSchema getRelOptSchema() {
        return table.getRelOptSchema();
    }

    @Override
    public RelNode toRel(ToRelContext context) {
        return table.toRel(context);
    }

    /** The order rows come out in (the scan's collation trait), not the table's primary-key order. */
    @Override
    public List<RelCollation> getCollationList() {
        return collation.getFieldCollations().isEmpty() ? List.of() : List.of(collation);
    }

    @Override
    public RelDistribution getDistribution() {
        return table.getDistribution();
    }

    @Override
    public boolean isKey(ImmutableBitSet fields) {
        ImmutableBitSet.Builder columns = ImmutableBitSet.builder();
        for (int field : fields) {
            columns.set(column(field));
        }
        return table.isKey(columns.build());
    }

    /** The table's keys all of whose columns the scan returns, as scan fields. */
    @Override
    public List<ImmutableBitSet> getKeys() {
        List<ImmutableBitSet> keys = new ArrayList<>();
        for (ImmutableBitSet key : table.getKeys()) {
            ImmutableBitSet.Builder fields = ImmutableBitSet.builder();
            boolean complete = true;
            for (int column : key) {
                int field = spec.field(column);
                complete &= field >= 0;
                if (field >= 0) {
                    fields.set(field);
                }
            }
            if (complete) {
                keys.add(fields.build());
            }
        }
        return keys;
    }

    /** None: the table's constraints name its own column positions. */
    @Override
    public List<RelReferentialConstraint> getReferentialConstraints() {
        return List.of();
    }

    @Override
    public Expression getExpression(Class clazz) {
        return table.getExpression(clazz);
    }

    @Override
    public RelOptTable extend(List<RelDataTypeField> extendedFields) {
        throw new UnsupportedOperationException("a scan's view of a table cannot be extended");
    }

    @Override
    public List<ColumnStrategy> getColumnStrategies() {
        List<ColumnStrategy> all = table.getColumnStrategies();
        List<ColumnStrategy> out = new ArrayList<>(rowType.getFieldCount());
        for (int field = 0; field < rowType.getFieldCount(); field++) {
            out.add(all.get(column(field)));
        }
        return out;
    }

    @Override
    public <C> C unwrap(Class<C> aClass) {
        if (aClass.isInstance(this)) {
            return aClass.cast(this);
        }
        return table.unwrap(aClass);
    }

    private int column(int field) {
        return spec.projection() == null ? field : spec.projection().get(field);
    }
}
