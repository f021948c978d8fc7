package io.synod.sqltest.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Scalar expressions and predicates over a scope, restricted to what standard SQL and SQLite
 * evaluate alike. Steered around (each also noted where it is avoided):
 * <ul>
 *   <li>no {@code /}: SQLite divides integers as integers and returns NULL for division by zero;</li>
 *   <li>no {@code ||}: some engines (and SQL modes) read it as OR, and it coerces numbers to text in SQLite;</li>
 *   <li>no {@code %}/MOD, SUBSTR, LENGTH, ROUND: spelled or defined differently;</li>
 *   <li>numbers are never compared with strings (SQLite's type affinity decides those comparisons);</li>
 *   <li>no arithmetic on DECIMAL in predicates (SQLite computes it in floating point).</li>
 * </ul>
 */
final class ExprGenerator {

    private final Rand r;
    private final List<Table> schema;
    private int subqueryAliases;

    ExprGenerator(Rand r, List<Table> schema) {
        this.r = r;
        this.schema = schema;
    }

    /** An expression of any kind for a select list (may be inexact: results compare with tolerance). */
    Expr projection(Scope scope) {
        if (r.chance(0.1)) {
            return Expr.of("(" + predicate(scope, 0, false) + ")", Expr.Kind.BOOL);
        }
        Scope.Ref ref = r.pick(scope.refs());
        return value(scope, ref.column().kind(), 2, false);
    }

    /**
     * An expression of {@code kind}; {@code exact} restricts it to what both systems compute
     * exactly (for predicates).
     */
    Expr value(Scope scope, Expr.Kind kind, int depth, boolean exact) {
        List<Scope.Ref> refs = scope.refs(kind);
        if (depth <= 0 || r.chance(0.45)) {
            if (!refs.isEmpty() && r.chance(0.85)) {
                return r.pick(refs).expr();
            }
            return Expr.of(Literals.of(kind, r), kind);
        }
        return switch (kind) {
            case INT -> integer(scope, depth);
            case DBL -> dbl(scope, depth, exact);
            case DEC -> exact ? (refs.isEmpty() ? Expr.of(Literals.decimal(r), kind) : r.pick(refs).expr())
                : decimal(scope, depth);
            case STR -> string(scope, depth);
            case BOOL -> Expr.of("(" + predicate(scope, depth - 1, exact) + ")", kind);
        };
    }

    private Expr integer(Scope scope, int depth) {
        Expr a = value(scope, Expr.Kind.INT, depth - 1, true);
        return switch (r.between(0, 7)) {
            case 0 -> Expr.of("(" + a.sql() + " + " + value(scope, Expr.Kind.INT, depth - 1, true).sql() + ")", Expr.Kind.INT);
            case 1 -> Expr.of("(" + a.sql() + " - " + value(scope, Expr.Kind.INT, depth - 1, true).sql() + ")", Expr.Kind.INT);
            // Multiplication only by a small literal: BIGINT * BIGINT overflows 64 bits, and
            // SQLite then switches to floating point where standard engines raise an error.
            case 2 -> Expr.of("(" + a.sql() + " * " + r.between(-3, 5) + ")", Expr.Kind.INT);
            case 3 -> Expr.of("ABS(" + a.sql() + ")", Expr.Kind.INT);
            // A space after the minus: "(--3)" would start a comment.
            case 4 -> Expr.of("(- " + a.sql() + ")", Expr.Kind.INT);
            case 5 -> Expr.of("COALESCE(" + a.sql() + ", " + Literals.integer(r) + ")", Expr.Kind.INT);
            case 6 -> Expr.of("NULLIF(" + a.sql() + ", " + Literals.integer(r) + ")", Expr.Kind.INT);
            default -> caseWhen(scope, Expr.Kind.INT, depth, true);
        };
    }

    private Expr dbl(Scope scope, int depth, boolean exact) {
        Expr a = value(scope, Expr.Kind.DBL, depth - 1, exact);
        return switch (r.between(0, 4)) {
            case 0 -> Expr.of("(" + a.sql() + " + " + value(scope, Expr.Kind.INT, depth - 1, true).sql() + ")", Expr.Kind.DBL);
            case 1 -> Expr.of("(" + a.sql() + " - " + value(scope, Expr.Kind.DBL, depth - 1, exact).sql() + ")", Expr.Kind.DBL);
            case 2 -> Expr.of("ABS(" + a.sql() + ")", Expr.Kind.DBL);
            case 3 -> Expr.of("COALESCE(" + a.sql() + ", " + Literals.dbl(r) + ")", Expr.Kind.DBL);
            default -> caseWhen(scope, Expr.Kind.DBL, depth, exact);
        };
    }

    private Expr decimal(Scope scope, int depth) {
        Expr a = value(scope, Expr.Kind.DEC, depth - 1, false);
        Expr result = switch (r.between(0, 4)) {
            case 0 -> Expr.of("(" + a.sql() + " + " + value(scope, Expr.Kind.DEC, depth - 1, false).sql() + ")", Expr.Kind.DEC);
            case 1 -> Expr.of("(" + a.sql() + " - " + value(scope, Expr.Kind.INT, depth - 1, true).sql() + ")", Expr.Kind.DEC);
            case 2 -> Expr.of("(" + a.sql() + " * " + r.between(-3, 5) + ")", Expr.Kind.DEC);
            case 3 -> Expr.of("COALESCE(" + a.sql() + ", " + Literals.decimal(r) + ")", Expr.Kind.DEC);
            default -> Expr.of("ABS(" + a.sql() + ")", Expr.Kind.DEC);
        };
        return new Expr(result.sql(), Expr.Kind.DEC, false);
    }

    private Expr string(Scope scope, int depth) {
        List<Scope.Ref> refs = scope.refs(Expr.Kind.STR);
        Expr column = refs.isEmpty() ? Expr.of(Literals.string(r, 4), Expr.Kind.STR) : r.pick(refs).expr();
        return switch (r.between(0, 3)) {
            case 0 -> Expr.of("UPPER(" + column.sql() + ")", Expr.Kind.STR);
            case 1 -> Expr.of("LOWER(" + column.sql() + ")", Expr.Kind.STR);
            case 2 -> Expr.of("COALESCE(" + column.sql() + ", " + Literals.string(r, 4) + ")", Expr.Kind.STR);
            default -> {
                // A CASE whose branches are all character literals of different lengths has type
                // CHAR(n) in standard SQL, which pads the shorter ones with spaces; SQLite never
                // pads. One branch is always a column, which makes the type VARCHAR.
                Expr other = r.chance(0.5) ? Expr.of(Literals.string(r, 4), Expr.Kind.STR) : column;
                yield Expr.of("CASE WHEN " + predicate(scope, depth - 1, true) + " THEN " + column.sql()
                    + " ELSE " + other.sql() + " END", Expr.Kind.STR);
            }
        };
    }

    private Expr caseWhen(Scope scope, Expr.Kind kind, int depth, boolean exact) {
        Expr a = value(scope, kind, depth - 1, exact);
        Expr b = value(scope, kind, depth - 1, exact);
        String elseBranch = r.chance(0.2) ? "" : " ELSE " + b.sql();
        return Expr.of("CASE WHEN " + predicate(scope, depth - 1, exact) + " THEN " + a.sql() + elseBranch + " END", kind);
    }

    /** A search condition; {@code depth} bounds nesting, {@code allowSubquery} allows IN/EXISTS/scalar subqueries. */
    String predicate(Scope scope, int depth, boolean allowSubquery) {
        int choice = r.between(0, depth > 0 ? 12 : 8);
        return switch (choice) {
            case 0, 1, 2 -> comparison(scope);
            case 3 -> between(scope);
            case 4 -> inList(scope);
            case 5 -> isNull(scope);
            case 6 -> like(scope);
            case 7 -> comparison(scope);
            case 8 -> allowSubquery && depth > 0 ? subqueryPredicate(scope) : comparison(scope);
            case 9 -> "NOT (" + predicate(scope, depth - 1, allowSubquery) + ")";
            case 10 -> "(" + predicate(scope, depth - 1, allowSubquery) + " OR " + predicate(scope, depth - 1, allowSubquery) + ")";
            default -> predicate(scope, depth - 1, allowSubquery) + " AND " + predicate(scope, depth - 1, allowSubquery);
        };
    }

    private Expr.Kind someKind(Scope scope) {
        return r.pick(scope.refs()).column().kind();
    }

    private String comparison(Scope scope) {
        Expr.Kind kind = someKind(scope);
        Expr left = value(scope, kind, 1, true);
        String op = r.pickOne("=", "<>", "<", "<=", ">", ">=");
        Expr right = r.chance(0.6) ? Expr.of(Literals.of(kind, r), kind) : value(scope, comparableKind(kind), 1, true);
        return left.sql() + " " + op + " " + right.sql();
    }

    private Expr.Kind comparableKind(Expr.Kind kind) {
        if (kind.isNumeric() && r.chance(0.3)) {
            return r.pickOne(Expr.Kind.INT, Expr.Kind.DBL, Expr.Kind.DEC);
        }
        return kind;
    }

    private String between(Scope scope) {
        Expr.Kind kind = someKind(scope);
        Expr e = value(scope, kind, 1, true);
        return e.sql() + (r.chance(0.25) ? " NOT" : "") + " BETWEEN " + Literals.of(kind, r) + " AND " + Literals.of(kind, r);
    }

    private String inList(Scope scope) {
        Expr.Kind kind = someKind(scope);
        Expr e = value(scope, kind, 1, true);
        List<String> items = new ArrayList<>();
        int n = r.between(1, 4);
        for (int i = 0; i < n; i++) {
            items.add(Literals.of(kind, r));
        }
        if (r.chance(0.15)) {
            // A typed NULL: an untyped NULL in an IN list is rejected by standard validators.
            items.add("CAST(NULL AS " + nullType(kind) + ")");
        }
        return e.sql() + (r.chance(0.3) ? " NOT IN (" : " IN (") + String.join(", ", items) + ")";
    }

    private static String nullType(Expr.Kind kind) {
        return switch (kind) {
            case INT -> "INTEGER";
            case DBL -> "DOUBLE";
            case DEC -> "DECIMAL(10,2)";
            case STR -> "VARCHAR(4)";
            case BOOL -> "BOOLEAN";
        };
    }

    private String isNull(Scope scope) {
        Scope.Ref ref = r.pick(scope.refs());
        Expr e = r.chance(0.8) ? ref.expr() : value(scope, ref.column().kind(), 1, true);
        return e.sql() + (r.chance(0.5) ? " IS NULL" : " IS NOT NULL");
    }

    private String like(Scope scope) {
        List<Scope.Ref> refs = scope.refs(Expr.Kind.STR);
        if (refs.isEmpty()) {
            return comparison(scope);
        }
        // The operand is a plain column: UPPER(s) LIKE 'a%' matches in SQLite, whose LIKE ignores case.
        return r.pick(refs).expr().sql() + (r.chance(0.25) ? " NOT LIKE " : " LIKE ") + Literals.likePattern(r);
    }

    private String subqueryPredicate(Scope scope) {
        Table inner = r.pick(schema);
        String alias = "q" + (++subqueryAliases);
        Scope innerScope = Scope.of(alias, inner);
        Scope.Ref outer = r.pick(scope.refs());
        Expr.Kind kind = outer.column().kind();
        List<Scope.Ref> matching = innerScope.refs().stream()
            .filter(ref -> ref.column().kind().comparableWith(kind)).toList();
        String innerWhere = r.chance(0.5) ? " WHERE " + predicate(innerScope, 0, false) : "";
        if (matching.isEmpty() || r.chance(0.3)) {
            // EXISTS, correlated on any comparable pair when there is one.
            String correlation = correlation(scope, innerScope);
            String where = correlation.isEmpty() ? innerWhere
                : innerWhere.isEmpty() ? " WHERE " + correlation : innerWhere + " AND " + correlation;
            return (r.chance(0.3) ? "NOT " : "") + "EXISTS (SELECT 1 FROM " + inner.name() + " " + alias + where + ")";
        }
        Scope.Ref innerColumn = r.pick(matching);
        if (r.chance(0.5)) {
            return outer.expr().sql() + (r.chance(0.35) ? " NOT IN " : " IN ") + "(SELECT " + innerColumn.expr().sql()
                + " FROM " + inner.name() + " " + alias + innerWhere + ")";
        }
        // A scalar subquery: an aggregate without GROUP BY returns exactly one row.
        String aggregate = r.pickOne("MIN", "MAX", innerColumn.column().kind() == Expr.Kind.INT ? "SUM" : "MAX");
        String op = r.pickOne("=", "<", "<=", ">", ">=", "<>");
        return outer.expr().sql() + " " + op + " (SELECT " + aggregate + "(" + innerColumn.expr().sql() + ") FROM "
            + inner.name() + " " + alias + innerWhere + ")";
    }

    /** An equality between a column of the outer scope and one of the inner, or "" if no kinds match. */
    String correlation(Scope outer, Scope inner) {
        List<String> pairs = new ArrayList<>();
        for (Scope.Ref o : outer.refs()) {
            for (Scope.Ref i : inner.refs()) {
                if (o.column().kind() == i.column().kind() && o.column().kind() != Expr.Kind.DEC) {
                    pairs.add(i.expr().sql() + " = " + o.expr().sql());
                }
            }
        }
        return pairs.isEmpty() ? "" : r.pick(pairs);
    }

    static String joinList(List<Expr> exprs) {
        return exprs.stream().map(Expr::sql).collect(Collectors.joining(", "));
    }
}
