package io.synod.sqltest.generate;

/** The column types generated, each with the DDL spelling both SQLite and standard SQL accept. */
enum ColumnType {
    INTEGER("i"),
    BIGINT("b"),
    VARCHAR("s"),
    DOUBLE("d"),
    /** DECIMAL(10,2). SQLite stores it as INTEGER or REAL (NUMERIC affinity) and computes in floating point. */
    DECIMAL("n");

    /** Column names start with this letter so a reader of a finding sees the type. */
    final String prefix;

    ColumnType(String prefix) {
        this.prefix = prefix;
    }

    String ddl(int length) {
        return switch (this) {
            case VARCHAR -> "VARCHAR(" + length + ")";
            case DECIMAL -> "DECIMAL(10,2)";
            default -> name();
        };
    }
}
