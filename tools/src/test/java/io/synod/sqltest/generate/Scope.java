package io.synod.sqltest.generate;

import java.util.ArrayList;
import java.util.List;

/** The tables a query's FROM clause brings into scope, each under an alias. */
record Scope(List<Binding> bindings) {

    record Binding(String alias, Table table) {
    }

    /** A column reference in scope. */
    record Ref(String alias, Column column) {
        Expr expr() {
            return Expr.of(alias + "." + column.name(), column.kind());
        }
    }

    static Scope of(String alias, Table table) {
        return new Scope(List.of(new Binding(alias, table)));
    }

    Scope with(String alias, Table table) {
        List<Binding> b = new ArrayList<>(bindings);
        b.add(new Binding(alias, table));
        return new Scope(b);
    }

    List<Ref> refs() {
        List<Ref> out = new ArrayList<>();
        for (Binding b : bindings) {
            for (Column c : b.table().columns()) {
                out.add(new Ref(b.alias(), c));
            }
        }
        return out;
    }

    List<Ref> refs(Expr.Kind kind) {
        return refs().stream().filter(r -> r.column().kind() == kind).toList();
    }
}
