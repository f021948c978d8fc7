package io.synod.sql.calcite.rel;

import io.synod.sql.calcite.schema.SynodTable;
import io.synod.sql.catalog.ColumnDef;
import io.synod.sql.catalog.TableDef;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;

/**
 * A read of one Synod table along one {@link AccessPath}, with the projection, direction and
 * limit pushed into it ({@link ScanSpec}). Its rows come out in key order, which its collation
 * trait declares so that Calcite drops sorts the key order already satisfies. Its table is a
 * {@link ScanTable}, so that the metadata Calcite derives from it speaks of the scan's fields.
 */
public final class SynodTableScan extends TableScan implements SynodRel {

    /** Rows assumed in a table: the store keeps no statistics yet. */
    static final double TABLE_ROWS = 1000;

    private final SynodTable synodTable;
    private final ScanSpec spec;

    private SynodTableScan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table, SynodTable synodTable,
                           ScanSpec spec) {
        super(cluster, traits, List.of(), table);
        this.synodTable = synodTable;
        this.spec = spec;
    }

    /** A scan of {@code table} as {@code spec} says, with the matching traits. */
    public static SynodTableScan create(RelOptCluster cluster, RelOptTable table, SynodTable synodTable,
                                        ScanSpec spec) {
        RelOptTable catalogTable = table instanceof ScanTable scanned ? scanned.table() : table;
        RelCollation collation = collation(synodTable.def(), spec);
        RelTraitSet traits = cluster.traitSetOf(CONVENTION).replaceIf(RelCollationTraitDef.INSTANCE, () -> collation);
        ScanTable view = new ScanTable(catalogTable, spec, rowType(cluster.getTypeFactory(), synodTable, spec),
                collation);
        return new SynodTableScan(cluster, traits, view, synodTable, spec);
    }

    public SynodTableScan withSpec(ScanSpec newSpec) {
        return create(getCluster(), getTable(), synodTable, newSpec);
    }

    public SynodTable synodTable() {
        return synodTable;
    }

    public ScanSpec spec() {
        return spec;
    }

    /**
     * The order rows come out in: the walked key's columns after those the path fixes by
     * equality (constant, so they add nothing), as far as they are projected; ascending, or
     * descending for a reverse walk. NULL sorts first in keys.
     */
    static RelCollation collation(TableDef table, ScanSpec spec) {
        List<ColumnDef> key = spec.path().keyColumns(table);
        List<RelFieldCollation> fields = new ArrayList<>();
        for (ColumnDef c : key.subList(Math.min(spec.path().equalities().size(), key.size()), key.size())) {
            int field = spec.field(table.columnPosition(c.id()));
            if (field < 0) {
                break;
            }
            fields.add(KeyOrder.fieldCollation(field, spec.reverse(), c.nullable()));
        }
        return RelCollations.of(fields);
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new SynodTableScan(getCluster(), traitSet, getTable(), synodTable, spec);
    }

    /** The table's row type, or only the projected columns in projection order. */
    private static RelDataType rowType(RelDataTypeFactory typeFactory, SynodTable synodTable, ScanSpec spec) {
        RelDataType full = synodTable.getRowType(typeFactory);
        if (spec.projection() == null) {
            return full;
        }
        RelDataTypeFactory.Builder builder = typeFactory.builder();
        List<RelDataTypeField> fields = full.getFieldList();
        for (int column : spec.projection()) {
            builder.add(fields.get(column));
        }
        return builder.build();
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        TableDef def = synodTable.def();
        super.explainTerms(pw).item("access", spec.path().label());
        if (spec.path().kind() != AccessPath.Kind.FULL_SCAN) {
            pw.item("keys", spec.path().describeBounds(def));
        }
        if (spec.projection() != null) {
            List<String> names = new ArrayList<>();
            for (int column : spec.projection()) {
                names.add(def.columns().get(column).name());
            }
            pw.item("projection", names);
        }
        pw.itemIf("order", "reverse", spec.reverse());
        pw.itemIf("offset", spec.offset(), spec.offset() > 0);
        pw.itemIf("fetch", spec.fetch(), spec.fetch() >= 0);
        return pw;
    }

    @Override
    public double estimateRowCount(RelMetadataQuery mq) {
        double rows = AccessPaths.estimatedRows(synodTable.def(), spec.path(), TABLE_ROWS);
        if (spec.fetch() >= 0) {
            rows = Math.min(rows, spec.fetch());
        }
        return Math.max(rows, 1);
    }

    /**
     * Rows read, doubled for an index path (each entry costs a primary-key lookup), with a
     * small discount for fewer columns returned.
     */
    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
        double rows = AccessPaths.estimatedRows(synodTable.def(), spec.path(), TABLE_ROWS);
        if (spec.fetch() >= 0) {
            rows = Math.min(rows, spec.offset() + spec.fetch());
        }
        double perRow = spec.path().usesIndex() ? 2 : 1;
        int columns = synodTable.def().columns().size();
        double width = spec.projection() == null ? 1 : 0.9 + 0.1 * spec.projection().size() / columns;
        return planner.getCostFactory().makeCost(rows, rows * perRow * width, rows * perRow);
    }

    @Override
    public void register(RelOptPlanner planner) {
        SynodRules.register(planner);
    }
}
