package io.synod.sqltest.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * SELECT statements: projections, joins, aggregates, DISTINCT, subqueries, UNION, ORDER BY with
 * LIMIT/OFFSET. Dialect differences steered around, beyond those of {@link ExprGenerator}:
 * <ul>
 *   <li>Every ORDER BY item says NULLS FIRST or NULLS LAST: SQLite sorts NULLs first ascending,
 *       others (and Calcite by default) last.</li>
 *   <li>ORDER BY items are output ordinals, so the comparison can check the order.</li>
 *   <li>LIMIT/OFFSET only under an ORDER BY of every output column (a total order up to
 *       identical rows): otherwise which rows survive the cut is unspecified.</li>
 *   <li>Every non-aggregated select item is in GROUP BY: SQLite accepts "bare" columns and
 *       picks a row's value, the standard rejects them.</li>
 *   <li>AVG only of DOUBLE arguments (columns or CAST(... AS DOUBLE)): the standard leaves the
 *       type of AVG over exact numbers to the implementation (Calcite keeps the argument's
 *       type and truncates), SQLite always returns a float.</li>
 *   <li>HAVING, ORDER BY and equality never involve SUM or AVG of DECIMAL: SQLite sums DECIMALs in
 *       floating point, so ties and boundaries can differ from an exact sum.</li>
 *   <li>UNION branches have comparable kinds and no literal strings (a union of CHAR literals
 *       of different lengths is padded in standard SQL).</li>
 * </ul>
 */
final class QueryGenerator {

    private final Rand r;
    private final List<Table> schema;
    private final ExprGenerator exprs;

    QueryGenerator(Rand r, List<Table> schema) {
        this.r = r;
        this.schema = schema;
        this.exprs = new ExprGenerator(r, schema);
    }

    String query() {
        int shape = r.between(0, 99);
        if (shape < 30) {
            return simple();
        }
        if (shape < 50) {
            return join();
        }
        if (shape < 72) {
            return grouped();
        }
        if (shape < 82) {
            return aggregateOnly();
        }
        if (shape < 92) {
            return union();
        }
        return scalarSubqueryProjection();
    }

    private record From(String sql, Scope scope) {
    }

    private From singleTable() {
        Table t = r.pick(schema);
        return new From(t.name() + " a", Scope.of("a", t));
    }

    private From joined() {
        Table first = r.pick(schema);
        Scope scope = Scope.of("a", first);
        StringBuilder sql = new StringBuilder(first.name()).append(" a");
        int joins = r.chance(0.25) ? 2 : 1;
        for (int j = 0; j < joins; j++) {
            Table next = r.pick(schema);
            String alias = j == 0 ? "b" : "c";
            Scope inner = Scope.of(alias, next);
            String on = exprs.correlation(scope, inner);
            if (on.isEmpty()) {
                on = alias + ".id = a.id";
                if (next.primaryKey().get(0).kind() != first.primaryKey().get(0).kind()) {
                    on = "1 = 1";
                }
            }
            if (r.chance(0.3)) {
                on += " AND " + exprs.predicate(scope.with(alias, next), 0, false);
            }
            String type = r.chance(0.08) ? "FULL JOIN" : r.chance(0.45) ? "LEFT JOIN" : "JOIN";
            sql.append(' ').append(type).append(' ').append(next.name()).append(' ').append(alias).append(" ON ").append(on);
            scope = scope.with(alias, next);
        }
        return new From(sql.toString(), scope);
    }

    private String simple() {
        return select(singleTable());
    }

    private String join() {
        return select(joined());
    }

    private String select(From from) {
        int n = r.between(1, 4);
        List<Expr> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(exprs.projection(from.scope()));
        }
        boolean distinct = r.chance(0.2);
        StringBuilder sql = new StringBuilder("SELECT ").append(distinct ? "DISTINCT " : "");
        sql.append(aliased(items)).append(" FROM ").append(from.sql());
        if (r.chance(0.8)) {
            sql.append(" WHERE ").append(exprs.predicate(from.scope(), 2, true));
        }
        appendOrder(sql, items.size(), items.stream().allMatch(Expr::exactOnBoth));
        return sql.toString();
    }

    private static String aliased(List<Expr> items) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            out.add(items.get(i).sql() + " AS c" + (i + 1));
        }
        return String.join(", ", out);
    }

    /**
     * ORDER BY a prefix of the outputs, or all of them and then possibly LIMIT/OFFSET. A cut
     * needs exactly computed outputs: where SQLite's floating-point DECIMAL breaks a tie the
     * other system sees, the rows past the limit differ.
     */
    private void appendOrder(StringBuilder sql, int outputs, boolean exact) {
        if (!r.chance(0.35)) {
            return;
        }
        boolean total = r.chance(0.6);
        int keys = total ? outputs : r.between(1, outputs);
        List<String> order = new ArrayList<>();
        for (int i = 1; i <= keys; i++) {
            order.add(i + (r.chance(0.5) ? " ASC" : " DESC") + (r.chance(0.5) ? " NULLS FIRST" : " NULLS LAST"));
        }
        sql.append(" ORDER BY ").append(String.join(", ", order));
        if (total && exact && r.chance(0.7)) {
            sql.append(" LIMIT ").append(r.between(0, 6));
            if (r.chance(0.4)) {
                sql.append(" OFFSET ").append(r.between(0, 4));
            }
        }
    }

    private String grouped() {
        From from = r.chance(0.6) ? singleTable() : joined();
        List<Scope.Ref> refs = from.scope().refs();
        int groupCount = r.chance(0.7) ? 1 : 2;
        List<Expr> groups = new ArrayList<>();
        for (int i = 0; i < groupCount; i++) {
            groups.add(r.pick(refs).expr());
        }
        List<Expr> items = new ArrayList<>(groups);
        int aggregates = r.between(1, 3);
        for (int i = 0; i < aggregates; i++) {
            items.add(aggregate(from.scope()));
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(aliased(items)).append(" FROM ").append(from.sql());
        if (r.chance(0.6)) {
            sql.append(" WHERE ").append(exprs.predicate(from.scope(), 1, true));
        }
        sql.append(" GROUP BY ").append(ExprGenerator.joinList(groups));
        if (r.chance(0.35)) {
            sql.append(" HAVING ").append(having(from.scope()));
        }
        if (r.chance(0.4)) {
            // The grouping columns identify a group: ordering by all of them is total.
            List<String> order = new ArrayList<>();
            for (int i = 1; i <= groups.size(); i++) {
                order.add(i + (r.chance(0.5) ? " ASC" : " DESC") + (r.chance(0.5) ? " NULLS FIRST" : " NULLS LAST"));
            }
            sql.append(" ORDER BY ").append(String.join(", ", order));
            if (r.chance(0.5)) {
                sql.append(" LIMIT ").append(r.between(1, 4));
            }
        }
        return sql.toString();
    }

    private String aggregateOnly() {
        From from = r.chance(0.7) ? singleTable() : joined();
        int n = r.between(1, 4);
        List<Expr> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(aggregate(from.scope()));
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(aliased(items)).append(" FROM ").append(from.sql());
        if (r.chance(0.7)) {
            sql.append(" WHERE ").append(exprs.predicate(from.scope(), 2, true));
        }
        return sql.toString();
    }

    private Expr aggregate(Scope scope) {
        Scope.Ref ref = r.pick(scope.refs());
        Expr.Kind kind = ref.column().kind();
        String column = ref.expr().sql();
        return switch (r.between(0, 7)) {
            case 0 -> Expr.of("COUNT(*)", Expr.Kind.INT);
            case 1 -> Expr.of("COUNT(" + column + ")", Expr.Kind.INT);
            case 2 -> Expr.of("COUNT(DISTINCT " + column + ")", Expr.Kind.INT);
            case 3 -> Expr.of("MIN(" + column + ")", kind);
            case 4 -> Expr.of("MAX(" + column + ")", kind);
            case 5 -> kind.isNumeric() ? new Expr("SUM(" + column + ")", kind, kind != Expr.Kind.DEC)
                : Expr.of("COUNT(" + column + ")", Expr.Kind.INT);
            case 6 -> kind == Expr.Kind.DBL ? new Expr("AVG(" + column + ")", Expr.Kind.DBL, false)
                : kind.isNumeric() ? new Expr("AVG(CAST(" + column + " AS DOUBLE))", Expr.Kind.DBL, false)
                : Expr.of("MAX(" + column + ")", kind);
            default -> kind == Expr.Kind.INT
                ? Expr.of("SUM(" + exprs.value(scope, Expr.Kind.INT, 1, true).sql() + ")", Expr.Kind.INT)
                : Expr.of("COUNT(*)", Expr.Kind.INT);
        };
    }

    private String having(Scope scope) {
        List<Scope.Ref> ints = scope.refs(Expr.Kind.INT);
        String op = r.pickOne("=", "<>", "<", "<=", ">", ">=");
        if (ints.isEmpty() || r.chance(0.4)) {
            return "COUNT(*) " + op + " " + r.between(0, 3);
        }
        String column = r.pick(ints).expr().sql();
        String fn = r.pickOne("MIN", "MAX", "SUM");
        return fn + "(" + column + ") " + op + " " + Literals.integer(r);
    }

    private String union() {
        Table left = r.pick(schema);
        Table right = r.pick(schema);
        Scope ls = Scope.of("a", left);
        Scope rs = Scope.of("b", right);
        int columns = r.chance(0.6) ? 1 : 2;
        List<String> leftItems = new ArrayList<>();
        List<String> rightItems = new ArrayList<>();
        for (int i = 0; i < columns; i++) {
            Scope.Ref l = r.pick(ls.refs());
            Expr.Kind leftKind = l.column().kind();
            List<Scope.Ref> candidates = rs.refs().stream()
                .filter(x -> x.column().kind().comparableWith(leftKind)).toList();
            if (candidates.isEmpty()) {
                candidates = List.of(new Scope.Ref("b", right.primaryKey().get(0)));
                l = new Scope.Ref("a", left.primaryKey().get(0));
                if (!l.column().kind().comparableWith(candidates.get(0).column().kind())) {
                    return simple();
                }
            }
            // Distinct output names: Calcite rejects ORDER BY 1 over a UNION whose first branch
            // selects the same column twice ("Column is ambiguous").
            leftItems.add(l.expr().sql() + " AS c" + (i + 1));
            rightItems.add(r.pick(candidates).expr().sql());
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", leftItems)).append(" FROM ")
            .append(left.name()).append(" a");
        if (r.chance(0.6)) {
            sql.append(" WHERE ").append(exprs.predicate(ls, 1, false));
        }
        sql.append(r.chance(0.5) ? " UNION ALL " : " UNION ");
        sql.append("SELECT ").append(String.join(", ", rightItems)).append(" FROM ").append(right.name()).append(" b");
        if (r.chance(0.6)) {
            sql.append(" WHERE ").append(exprs.predicate(rs, 1, false));
        }
        appendOrder(sql, columns, true);
        return sql.toString();
    }

    private String scalarSubqueryProjection() {
        From from = singleTable();
        Table inner = r.pick(schema);
        Scope innerScope = Scope.of("q", inner);
        String correlation = exprs.correlation(from.scope(), innerScope);
        Scope.Ref innerRef = r.pick(innerScope.refs());
        String aggregate = innerRef.column().kind() == Expr.Kind.INT && r.chance(0.5)
            ? "SUM(" + innerRef.expr().sql() + ")"
            : r.pickOne("COUNT(*)", "MAX(" + innerRef.expr().sql() + ")", "MIN(" + innerRef.expr().sql() + ")");
        String sub = "(SELECT " + aggregate + " FROM " + inner.name() + " q"
            + (correlation.isEmpty() ? "" : " WHERE " + correlation) + ")";
        List<Expr> items = new ArrayList<>();
        items.add(r.pick(from.scope().refs()).expr());
        items.add(Expr.of(sub, innerRef.column().kind()));
        StringBuilder sql = new StringBuilder("SELECT ").append(aliased(items)).append(" FROM ").append(from.sql());
        if (r.chance(0.5)) {
            sql.append(" WHERE ").append(exprs.predicate(from.scope(), 1, true));
        }
        appendOrder(sql, items.size(), items.stream().allMatch(Expr::exactOnBoth));
        return sql.toString();
    }
}
