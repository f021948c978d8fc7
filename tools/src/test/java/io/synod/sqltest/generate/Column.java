package io.synod.sqltest.generate;

/** A generated column; {@code length} applies to VARCHAR only. */
record Column(String name, ColumnType type, int length, boolean nullable) {

    String ddl() {
        return name + " " + type.ddl(length) + (nullable ? "" : " NOT NULL");
    }

    Expr.Kind kind() {
        return Expr.Kind.of(type);
    }
}
