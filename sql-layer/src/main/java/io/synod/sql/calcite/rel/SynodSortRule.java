package io.synod.sql.calcite.rel;

import io.synod.sql.catalog.ColumnDef;
import io.synod.sql.catalog.TableDef;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableLimit;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;

/**
 * Pushes ORDER BY on the walked key's columns (after any columns the access path fixes by
 * equality), forward or reverse, and LIMIT/OFFSET, into the scan, as Cassandra's adapter does:
 * it matches the enumerable sort or limit over the scan's converter, so only a limit straight
 * over the scan is pushed (never one that must count rows passing a residual filter).
 */
final class SynodSortRule extends RelRule<RuleConfig> {

    static final RelOptRule SORT = RuleConfig.of("SynodSortRule",
            b0 -> b0.operand(Sort.class).predicate(s -> s.getConvention() == EnumerableConvention.INSTANCE)
                    .oneInput(b1 -> b1.operand(SynodToEnumerableConverter.class)
                            .oneInput(b2 -> b2.operand(SynodTableScan.class)
                                    .predicate(s -> !s.spec().reverse() && !s.spec().hasLimit()).noInputs())),
            SynodSortRule::new).toRule();

    static final RelOptRule LIMIT = RuleConfig.of("SynodLimitRule",
            b0 -> b0.operand(EnumerableLimit.class)
                    .oneInput(b1 -> b1.operand(SynodToEnumerableConverter.class)
                            .oneInput(b2 -> b2.operand(SynodTableScan.class)
                                    .predicate(s -> !s.spec().hasLimit()).noInputs())),
            SynodSortRule::new).toRule();

    private SynodSortRule(RuleConfig config) {
        super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        RelNode top = call.rel(0);
        SynodTableScan scan = call.rel(2);
        // All scans of one table and filter share a set; under this converter only those that
        // deliver its order are valid (a limit counts rows in that order).
        if (!scan.getTraitSet().satisfies(call.rel(1).getTraitSet().replace(SynodRel.CONVENTION))) {
            return;
        }
        ScanSpec spec = scan.spec();
        RexNode offset;
        RexNode fetch;
        if (top instanceof Sort sort) {
            List<RelFieldCollation> wanted = sort.getCollation().getFieldCollations();
            Boolean reverse = wanted.isEmpty() ? Boolean.FALSE : keyOrder(scan, wanted);
            if (reverse == null) {
                return;
            }
            spec = spec.withReverse(reverse);
            offset = sort.offset;
            fetch = sort.fetch;
        } else {
            EnumerableLimit limit = (EnumerableLimit) top;
            offset = limit.offset;
            fetch = limit.fetch;
        }
        boolean limitPushable = (offset != null || fetch != null) && isLiteral(offset) && isLiteral(fetch);
        if (limitPushable) {
            spec = spec.withLimit(offset == null ? 0 : RexLiteral.longValue(offset),
                    fetch == null ? -1 : RexLiteral.longValue(fetch));
        }
        if (spec.equals(scan.spec())) {
            return;
        }
        SynodTableScan pushed = scan.withSpec(spec);
        if (!limitPushable && (offset != null || fetch != null)) {
            call.transformTo(EnumerableLimit.create(
                    convert(pushed, pushed.getTraitSet().replace(EnumerableConvention.INSTANCE)), offset, fetch));
        } else {
            call.transformTo(pushed);
        }
    }

    private static boolean isLiteral(RexNode node) {
        return node == null || node instanceof RexLiteral;
    }

    /**
     * Whether the wanted order is the key walk's forward (false) or reverse (true) order, or null
     * if neither. It may skip key columns the path fixes by equality.
     */
    private static Boolean keyOrder(SynodTableScan scan, List<RelFieldCollation> wanted) {
        TableDef table = scan.synodTable().def();
        ScanSpec spec = scan.spec();
        List<ColumnDef> key = spec.path().keyColumns(table);
        boolean reverse = wanted.get(0).getDirection() == RelFieldCollation.Direction.DESCENDING;
        for (int skip = 0; skip <= spec.path().equalities().size(); skip++) {
            if (matches(table, spec, key, skip, wanted, reverse)) {
                return reverse;
            }
        }
        return null;
    }

    private static boolean matches(TableDef table, ScanSpec spec, List<ColumnDef> key, int skip,
                                   List<RelFieldCollation> wanted, boolean reverse) {
        if (skip + wanted.size() > key.size()) {
            return false;
        }
        for (int i = 0; i < wanted.size(); i++) {
            ColumnDef column = key.get(skip + i);
            int field = spec.field(table.columnPosition(column.id()));
            if (field < 0 || !KeyOrder.fieldCollation(field, reverse, column.nullable()).equals(wanted.get(i))) {
                return false;
            }
        }
        return true;
    }
}
