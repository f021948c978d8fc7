package io.synod.sql.calcite.rel;

import io.synod.sql.catalog.ColumnDef;
import io.synod.sql.catalog.IndexDef;
import io.synod.sql.catalog.TableDef;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Chooses the access path for a filter over a table: the primary key or a secondary index whose
 * leading columns the filter fixes by equality, with a range on the next column. Estimates
 * without statistics: each equality keeps a tenth of the rows, a one-sided range a third, a
 * two-sided one a tenth; a whole primary key or unique index fixed keeps one row; an index entry
 * costs twice a row (the lookup). An index is taken only when that beats reading the table.
 */
final class AccessPaths {

    /** The chosen path and the conjuncts it does not enforce (they stay in a filter). */
    record Choice(AccessPath path, List<RexNode> residual) {
    }

    /** A conjunct {@code column op value}. */
    private record ColumnPredicate(RexNode conjunct, int column, SqlKind op, KeyValue value) {
    }

    private static final double EQUALITY_SELECTIVITY = 0.1;
    private static final double ONE_SIDED_RANGE_SELECTIVITY = 1.0 / 3;
    private static final double TWO_SIDED_RANGE_SELECTIVITY = 0.1;
    private static final double INDEX_ENTRY_COST = 2;

    private AccessPaths() {
    }

    /** The best path for {@code condition} over {@code table}'s columns, or null if none beats a full scan. */
    static Choice choose(RexBuilder rexBuilder, TableDef table, RelDataType rowType, RexNode condition) {
        RexNode expanded = RexUtil.expandSearch(rexBuilder, null, condition);
        List<RexNode> conjuncts = RelOptUtil.conjunctions(expanded);
        List<ColumnPredicate> predicates = new ArrayList<>();
        for (RexNode conjunct : conjuncts) {
            ColumnPredicate p = classify(conjunct, table, rowType);
            if (p != null) {
                predicates.add(p);
            }
        }
        if (predicates.isEmpty()) {
            return null;
        }
        Candidate best = null;
        if (!table.hiddenRowId()) {
            best = candidate(table, null, predicates);
        }
        for (IndexDef index : table.readableIndexes()) {
            Candidate c = candidate(table, index, predicates);
            if (c != null && (best == null || cost(table, c.path, 1) < cost(table, best.path, 1))) {
                best = c;
            }
        }
        if (best == null || cost(table, best.path, 1) >= 1) {
            return null;
        }
        List<RexNode> residual = new ArrayList<>();
        for (RexNode conjunct : conjuncts) {
            if (best.used.stream().noneMatch(u -> u == conjunct)) {
                residual.add(conjunct);
            }
        }
        return new Choice(best.path, residual);
    }

    /** Rows a path is expected to return out of {@code tableRows}. */
    static double estimatedRows(TableDef table, AccessPath path, double tableRows) {
        return tableRows * selectivity(table, path);
    }

    private static double cost(TableDef table, AccessPath path, double tableRows) {
        return estimatedRows(table, path, tableRows) * (path.usesIndex() ? INDEX_ENTRY_COST : 1);
    }

    private static double selectivity(TableDef table, AccessPath path) {
        if (path.kind() == AccessPath.Kind.FULL_SCAN) {
            return 1;
        }
        if (path.kind() == AccessPath.Kind.PK_POINT) {
            return 1 / SynodTableScan.TABLE_ROWS;
        }
        int keySize = path.keyColumns(table).size();
        if (path.usesIndex() && path.index().unique() && path.equalities().size() == keySize) {
            return 1 / SynodTableScan.TABLE_ROWS;
        }
        double s = Math.pow(EQUALITY_SELECTIVITY, path.equalities().size());
        if (path.lower() != null && path.upper() != null) {
            s *= TWO_SIDED_RANGE_SELECTIVITY;
        } else if (path.lower() != null || path.upper() != null) {
            s *= ONE_SIDED_RANGE_SELECTIVITY;
        }
        return s;
    }

    private record Candidate(AccessPath path, List<RexNode> used) {
    }

    private static Candidate candidate(TableDef table, IndexDef index, List<ColumnPredicate> predicates) {
        List<ColumnDef> key = index == null ? table.primaryKeyColumns() : table.indexColumns(index);
        List<KeyValue> equalities = new ArrayList<>();
        List<RexNode> used = new ArrayList<>();
        int k = 0;
        for (; k < key.size(); k++) {
            ColumnPredicate eq = find(predicates, table.columnPosition(key.get(k).id()), SqlKind.EQUALS, null);
            if (eq == null) {
                break;
            }
            equalities.add(eq.value);
            used.add(eq.conjunct);
        }
        AccessPath.Bound lower = null;
        AccessPath.Bound upper = null;
        if (k < key.size()) {
            int column = table.columnPosition(key.get(k).id());
            ColumnPredicate low = find(predicates, column, SqlKind.GREATER_THAN, SqlKind.GREATER_THAN_OR_EQUAL);
            ColumnPredicate high = find(predicates, column, SqlKind.LESS_THAN, SqlKind.LESS_THAN_OR_EQUAL);
            if (low != null) {
                lower = new AccessPath.Bound(low.value, low.op == SqlKind.GREATER_THAN_OR_EQUAL);
                used.add(low.conjunct);
            }
            if (high != null) {
                upper = new AccessPath.Bound(high.value, high.op == SqlKind.LESS_THAN_OR_EQUAL);
                used.add(high.conjunct);
            }
        }
        if (equalities.isEmpty() && lower == null && upper == null) {
            return null;
        }
        AccessPath.Kind kind = index != null ? AccessPath.Kind.INDEX_RANGE
                : k == key.size() ? AccessPath.Kind.PK_POINT : AccessPath.Kind.PK_RANGE;
        return new Candidate(new AccessPath(kind, index, equalities, lower, upper), used);
    }

    private static ColumnPredicate find(List<ColumnPredicate> predicates, int column, SqlKind op, SqlKind orOp) {
        for (ColumnPredicate p : predicates) {
            if (p.column == column && (p.op == op || p.op == orOp)) {
                return p;
            }
        }
        return null;
    }

    /**
     * The column {@code node} reads: a plain column, or a column widened without loss to a
     * wider exact numeric type (Calcite widens SMALLINT to compare with an INTEGER literal);
     * values compare alike either way, so the key order still serves.
     */
    private static RexInputRef columnRef(RexNode node) {
        if (node instanceof RexInputRef ref) {
            return ref;
        }
        if (node.getKind() == SqlKind.CAST && ((RexCall) node).getOperands().get(0) instanceof RexInputRef ref
                && exactWidening(ref.getType().getSqlTypeName(), node.getType().getSqlTypeName())) {
            return ref;
        }
        return null;
    }

    private static boolean exactWidening(SqlTypeName from, SqlTypeName to) {
        List<SqlTypeName> order = List.of(SqlTypeName.SMALLINT, SqlTypeName.INTEGER, SqlTypeName.BIGINT,
                SqlTypeName.DECIMAL);
        return order.contains(from) && order.contains(to) && order.indexOf(to) >= order.indexOf(from)
                && from != SqlTypeName.DECIMAL;
    }

    /** {@code column op value} or {@code value op column} (flipped), else null. */
    private static ColumnPredicate classify(RexNode conjunct, TableDef table, RelDataType rowType) {
        SqlKind op = conjunct.getKind();
        if (op != SqlKind.EQUALS && op != SqlKind.LESS_THAN && op != SqlKind.LESS_THAN_OR_EQUAL
                && op != SqlKind.GREATER_THAN && op != SqlKind.GREATER_THAN_OR_EQUAL) {
            return null;
        }
        List<RexNode> operands = ((RexCall) conjunct).getOperands();
        RexNode left = operands.get(0);
        RexNode right = operands.get(1);
        RexInputRef ref = columnRef(left);
        if (ref == null) {
            ref = columnRef(right);
            right = left;
            op = op.reverse();
        }
        if (ref == null) {
            return null;
        }
        int column = ref.getIndex();
        KeyValue value = KeyValues.of(right, table.columns().get(column),
                rowType.getFieldList().get(column).getType());
        return value == null ? null : new ColumnPredicate(conjunct, column, op, value);
    }
}
