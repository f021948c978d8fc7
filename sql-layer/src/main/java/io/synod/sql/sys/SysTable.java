package io.synod.sql.sys;

import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.interpreter.Bindables;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.impl.AbstractTable;

import java.util.List;
import java.util.function.Supplier;

/**
 * A read-only system table: a fixed row type and rows computed afresh on every scan (the state
 * it shows changes all the time, so nothing is cached). JDBC metadata lists it as
 * {@code SYSTEM TABLE}. Row values are in Calcite's internal representation (TIMESTAMP as epoch
 * milliseconds).
 */
final class SysTable extends AbstractTable implements ScannableTable, TranslatableTable {

    private final List<SysColumn> columns;
    private final Supplier<List<Object[]>> rows;

    SysTable(List<SysColumn> columns, Supplier<List<Object[]>> rows) {
        this.columns = List.copyOf(columns);
        this.rows = rows;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        RelDataTypeFactory.Builder builder = typeFactory.builder();
        for (SysColumn c : columns) {
            builder.add(c.name(), c.type()).nullable(c.nullable());
        }
        return builder.build();
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root) {
        return Linq4j.asEnumerable(rows.get());
    }

    /**
     * Scanned by Calcite's interpreter, which calls {@link #scan} on the table itself, rather than
     * by generated code that would look the table up through its schema's expression.
     */
    @Override
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
        return Bindables.BindableTableScan.create(context.getCluster(), relOptTable);
    }

    @Override
    public Schema.TableType getJdbcTableType() {
        return Schema.TableType.SYSTEM_TABLE;
    }
}
