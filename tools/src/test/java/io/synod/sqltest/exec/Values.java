package io.synod.sqltest.exec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Normalises JDBC values so two systems' answers compare by SQL value, not Java type.
 *
 * <ul>
 *   <li>Exact numbers (Byte..Long, BigInteger, BigDecimal) become {@link BigDecimal}: an INTEGER
 *       {@code 3}, a BIGINT {@code 3} and a DECIMAL {@code 3.00} are equal.</li>
 *   <li>Approximate numbers become {@link Double}; comparing one with any number allows a
 *       relative error (SQLite computes DECIMAL and AVG in floating point).</li>
 *   <li>Booleans become 1 and 0: SQLite has no boolean type and answers {@code a > b} with 1/0.</li>
 *   <li>NULL stays null and equals NULL (a result set is a bag of rows, not a predicate).</li>
 *   <li>Strings stay strings; bytes become hex text; anything else its {@code toString()}.</li>
 * </ul>
 */
public final class Values {

    /** Relative (and, near zero, absolute) tolerance for comparisons involving doubles. */
    static final double TOLERANCE = 1e-9;

    private static final MathContext SORT_PRECISION = new MathContext(9);

    private Values() {
    }

    public static Object normalise(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Boolean b) {
            return b ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        if (v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Float || v instanceof Double) {
            return ((Number) v).doubleValue();
        }
        if (v instanceof String || v instanceof Character) {
            return v.toString();
        }
        if (v instanceof byte[] bytes) {
            return "X'" + HexFormat.of().formatHex(bytes) + "'";
        }
        return v.toString();
    }

    /** SQL-value equality of two normalised values, NULL equal to NULL. */
    public static boolean equivalent(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        if (a instanceof Number x && b instanceof Number y) {
            double dx = x.doubleValue();
            double dy = y.doubleValue();
            if (Double.isNaN(dx) || Double.isNaN(dy) || Double.isInfinite(dx) || Double.isInfinite(dy)) {
                return Double.compare(dx, dy) == 0;
            }
            double scale = Math.max(1.0, Math.max(Math.abs(dx), Math.abs(dy)));
            return Math.abs(dx - dy) <= TOLERANCE * scale;
        }
        return a.equals(b);
    }

    /** Whether two rows are equivalent value by value. */
    public static boolean equivalentRows(List<Object> a, List<Object> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!equivalent(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A total order on rows of normalised values, column by column, that places equivalent rows
     * next to each other: in each column NULL, then numbers, then strings, numbers ordered by value
     * rounded to 9 significant digits, so a double and the decimal it approximates sort together.
     */
    public static final Comparator<List<Object>> CANONICAL_ROWS = (a, b) -> {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            int c = compareCanonical(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    private static int compareCanonical(Object a, Object b) {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        if (a == null) {
            return 0;
        }
        if (a instanceof Number x) {
            return sortKey(x).compareTo(sortKey((Number) b));
        }
        return a.toString().compareTo(b.toString());
    }

    private static int rank(Object v) {
        if (v == null) {
            return 0;
        }
        return v instanceof Number ? 1 : 2;
    }

    private static BigDecimal sortKey(Number n) {
        if (n instanceof Double d && (d.isNaN() || d.isInfinite())) {
            return d > 0 ? BigDecimal.valueOf(Double.MAX_VALUE) : BigDecimal.valueOf(-Double.MAX_VALUE);
        }
        BigDecimal exact = n instanceof BigDecimal d ? d : new BigDecimal(n.doubleValue());
        return exact.round(SORT_PRECISION);
    }

    public static String render(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof String s) {
            return "'" + s.replace("'", "''") + "'";
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return v.toString();
    }

    public static String renderRow(List<Object> row) {
        return row.stream().map(Values::render).collect(Collectors.joining(", ", "(", ")"));
    }
}
