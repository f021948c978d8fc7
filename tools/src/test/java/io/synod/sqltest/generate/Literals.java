package io.synod.sqltest.generate;

import java.math.BigDecimal;

/**
 * Value domains shared by data and query literals: small and overlapping so predicates and
 * joins match rows, with duplicates, negatives and empty strings.
 */
final class Literals {

    /**
     * Strings use lowercase letters only. SQLite's LIKE ignores ASCII case while standard LIKE
     * does not, and text with trailing spaces compares differently under PAD SPACE collations;
     * lowercase-only text without spaces makes both questions moot.
     */
    private static final String ALPHABET = "abcd";

    private Literals() {
    }

    static String of(Column c, Rand r) {
        return switch (c.type()) {
            case INTEGER -> integer(r);
            case BIGINT -> bigint(r);
            case VARCHAR -> string(r, c.length());
            case DOUBLE -> dbl(r);
            case DECIMAL -> decimal(r);
        };
    }

    /** A literal of the kind, for comparisons with expressions of that kind. */
    static String of(Expr.Kind kind, Rand r) {
        return switch (kind) {
            case INT -> integer(r);
            case DBL -> dbl(r);
            case DEC -> decimal(r);
            case STR -> string(r, 4);
            case BOOL -> r.chance(0.5) ? "TRUE" : "FALSE";
        };
    }

    /**
     * Small values, so INTEGER arithmetic (and SUM, whose type is INTEGER in standard engines
     * but 64-bit in SQLite) never overflows a 32-bit integer.
     */
    static String integer(Rand r) {
        if (r.chance(0.85)) {
            return Integer.toString(r.between(-3, 12));
        }
        return r.pickOne("100", "-100", "255", "-999", "1000");
    }

    /** BIGINT values beyond 32 bits, but far enough from 2^63 that sums of a few rows fit. */
    static String bigint(Rand r) {
        if (r.chance(0.7)) {
            return Integer.toString(r.between(-3, 12));
        }
        return r.pickOne("10000000000", "-9876543210", "123456789012", "4294967296");
    }

    /** Multiples of 0.25: exactly representable, so sums and comparisons are exact on both systems. */
    static String dbl(Rand r) {
        int quarters = r.chance(0.8) ? r.between(-12, 48) : r.between(-4000, 4000);
        return BigDecimal.valueOf(quarters).divide(BigDecimal.valueOf(4)).setScale(2).toPlainString();
    }

    static String decimal(Rand r) {
        int cents = r.chance(0.7) ? r.between(-300, 1200) : r.between(-100000, 100000);
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }

    static String string(Rand r, int maxLength) {
        int length = r.chance(0.1) ? 0 : r.between(1, Math.min(3, maxLength));
        StringBuilder b = new StringBuilder("'");
        for (int i = 0; i < length; i++) {
            b.append(ALPHABET.charAt(r.between(0, ALPHABET.length() - 1)));
        }
        return b.append('\'').toString();
    }

    /** A LIKE pattern over the same alphabet (no ESCAPE: the generated data has no % or _). */
    static String likePattern(Rand r) {
        StringBuilder b = new StringBuilder("'");
        int parts = r.between(1, 3);
        for (int i = 0; i < parts; i++) {
            switch (r.between(0, 3)) {
                case 0 -> b.append('%');
                case 1 -> b.append('_');
                default -> b.append(ALPHABET.charAt(r.between(0, ALPHABET.length() - 1)));
            }
        }
        return b.append('\'').toString();
    }
}
