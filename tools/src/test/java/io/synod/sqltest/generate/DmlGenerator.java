package io.synod.sqltest.generate;

import io.synod.sqltest.script.Step;

import java.util.ArrayList;
import java.util.List;

/**
 * INSERT, UPDATE and DELETE statements. Steered around:
 * <ul>
 *   <li>No UPDATE of key columns: SQLite checks uniqueness row by row during the update, the
 *       standard at the end of the statement, so {@code SET id = id + 1} fails only in SQLite.</li>
 *   <li>Assigned values fit the column: SQLite stores any value in any column (a 10-character
 *       string in a VARCHAR(4), 2.5 in an INTEGER, a BIGINT beyond 32 bits in an INTEGER)
 *       where a standard engine raises an error or converts.</li>
 *   <li>No arithmetic assigned to DECIMAL columns: SQLite would store a floating-point result
 *       that later equality predicates see differently.</li>
 *   <li>Subqueries in UPDATE and DELETE read other tables only: when a statement reads the
 *       table it modifies, engines differ in whether it sees rows already changed.</li>
 * </ul>
 */
final class DmlGenerator {

    private final Rand r;
    private final List<Table> schema;
    private final RowGenerator rows;
    private final ExprGenerator exprs;

    DmlGenerator(Rand r, List<Table> schema, RowGenerator rows) {
        this.r = r;
        this.schema = schema;
        this.rows = rows;
        this.exprs = new ExprGenerator(r, schema);
    }

    Step statement() {
        Table table = r.pick(schema);
        int choice = r.between(0, 9);
        if (choice < 4) {
            return rows.insert(table);
        }
        if (choice < 7) {
            return Step.of(update(table));
        }
        return Step.of(delete(table));
    }

    private String update(Table table) {
        Scope scope = Scope.of(table.name(), table);
        List<Column> targets = new ArrayList<>(table.nonKeyColumns());
        int n = Math.min(targets.size(), r.chance(0.7) ? 1 : 2);
        List<String> sets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Column c = targets.remove(r.between(0, targets.size() - 1));
            sets.add(c.name() + " = " + assigned(table, c));
        }
        return "UPDATE " + table.name() + " SET " + String.join(", ", sets) + where(table, scope, 0.85);
    }

    private String delete(Table table) {
        return "DELETE FROM " + table.name() + where(table, Scope.of(table.name(), table), 0.9);
    }

    private String where(Table table, Scope scope, double p) {
        if (!r.chance(p)) {
            return "";
        }
        return " WHERE " + exprs.predicate(scope, 2, false) + otherTableCondition(table);
    }

    /** Sometimes an IN or EXISTS over another table (never the one modified). */
    private String otherTableCondition(Table table) {
        List<Table> others = schema.stream().filter(t -> t != table).toList();
        if (others.isEmpty() || !r.chance(0.25)) {
            return "";
        }
        Table other = r.pick(others);
        Scope outer = Scope.of(table.name(), table);
        Scope inner = Scope.of("o", other);
        String correlation = exprs.correlation(outer, inner);
        if (correlation.isEmpty()) {
            return "";
        }
        return (r.chance(0.5) ? " AND " : " OR ") + (r.chance(0.3) ? "NOT " : "") + "EXISTS (SELECT 1 FROM "
            + other.name() + " o WHERE " + correlation + ")";
    }

    private String assigned(Table table, Column c) {
        if (c.nullable() && r.chance(0.15)) {
            return "NULL";
        }
        List<Column> sameType = table.columns().stream().filter(x -> x.type() == c.type()
            && (x.type() != ColumnType.VARCHAR || x.length() <= c.length())).toList();
        String source = r.pick(sameType).name();
        return switch (c.type()) {
            case INTEGER, BIGINT -> switch (r.between(0, 4)) {
                case 0 -> source + " + " + r.between(1, 5);
                case 1 -> source + " * " + r.between(-2, 3);
                case 2 -> "COALESCE(" + source + ", 0) - " + r.between(1, 5);
                case 3 -> "CASE WHEN " + source + " > " + Literals.integer(r) + " THEN " + source + " ELSE "
                    + Literals.integer(r) + " END";
                default -> c.type() == ColumnType.INTEGER ? Literals.integer(r) : Literals.bigint(r);
            };
            case DOUBLE -> r.chance(0.5) ? source + " + " + Literals.dbl(r) : Literals.dbl(r);
            case DECIMAL -> r.chance(0.3) ? source : Literals.decimal(r);
            case VARCHAR -> r.chance(0.4) ? source : Literals.string(r, c.length());
        };
    }
}
