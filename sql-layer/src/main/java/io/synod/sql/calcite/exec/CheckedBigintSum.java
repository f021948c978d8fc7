package io.synod.sql.calcite.exec;

/**
 * The running total of SUM over BIGINT, which fails past the range of BIGINT (22003) instead of
 * wrapping around as Calcite's own SUM of {@code long} does. Called by the code Calcite
 * generates for an aggregate function implemented by a class ({@code init}, {@code add},
 * {@code result}); NULL arguments never reach {@code add}.
 */
public final class CheckedBigintSum {

    public static long init() {
        return 0L;
    }

    public static long add(long total, long value) {
        return Math.addExact(total, value);
    }

    public static long result(long total) {
        return total;
    }
}
