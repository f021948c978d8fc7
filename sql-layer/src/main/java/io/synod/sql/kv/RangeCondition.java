package io.synod.sql.kv;

import java.util.Objects;

/**
 * Holds iff {@code [start, end)} ({@code end} null: to the end of the key space) has exactly
 * {@code expectedCount} keys and each has a mod revision {@code <= maxModRevision}. A reader that
 * saw N keys there at revision R records (N, R): any insert, update or delete in the range after
 * R makes the condition fail.
 */
public record RangeCondition(byte[] start, byte[] end, long expectedCount, long maxModRevision) {

    public RangeCondition {
        Objects.requireNonNull(start, "start");
        if (expectedCount < 0 || maxModRevision < 0) {
            throw new IllegalArgumentException("negative count or revision: " + expectedCount + ", " + maxModRevision);
        }
    }

    @Override
    public String toString() {
        return "RangeCondition[" + ByteKeys.toHex(start) + ", " + (end == null ? "end" : ByteKeys.toHex(end))
                + ") count=" + expectedCount + " rev<=" + maxModRevision;
    }
}
