package io.synod.sqltest.generate;

/**
 * A generated scalar expression.
 *
 * @param sql       its text, parenthesised where it could bind wrongly inside another expression
 * @param kind      its value family
 * @param exactOnBoth whether both systems compute it exactly, so it may be compared for
 *                  equality or ordered in a predicate. False for anything computed from a
 *                  DECIMAL: SQLite does DECIMAL arithmetic in floating point, so {@code n1 + n2 = 0.3}
 *                  can differ from an exact engine; such expressions appear only in select
 *                  lists, where results are compared with a tolerance.
 */
record Expr(String sql, Kind kind, boolean exactOnBoth) {

    enum Kind {
        /** INTEGER, BIGINT and integer arithmetic. */
        INT,
        /** DOUBLE (generated values are multiples of 0.25, so sums and small products are exact). */
        DBL,
        /** DECIMAL(10,2). */
        DEC,
        STR,
        BOOL;

        static Kind of(ColumnType type) {
            return switch (type) {
                case INTEGER, BIGINT -> INT;
                case DOUBLE -> DBL;
                case DECIMAL -> DEC;
                case VARCHAR -> STR;
            };
        }

        boolean isNumeric() {
            return this == INT || this == DBL || this == DEC;
        }

        /** Whether values of the two kinds may be compared, joined or unioned on both systems. */
        boolean comparableWith(Kind other) {
            return this == other || (isNumeric() && other.isNumeric());
        }
    }

    static Expr of(String sql, Kind kind) {
        return new Expr(sql, kind, kind != Kind.DEC);
    }
}
