package io.synod.sqltest.compare;

/**
 * How two outcomes of one statement disagree.
 *
 * @param kind        the shape of the disagreement; the minimiser keeps a reduction only if
 *                    the shape stays the same
 * @param explanation what differs, for the report
 */
public record Mismatch(Kind kind, String explanation) {

    public enum Kind {
        /** Only the system under test failed. */
        SUBJECT_FAILED,
        /** Only the reference failed. */
        REFERENCE_FAILED,
        /** Both failed, with contradicting error classes. */
        ERROR_CLASS,
        /** One returned rows, the other an update count. */
        OUTCOME_SHAPE,
        /** Different numbers of result columns. */
        COLUMN_COUNT,
        /** Different rows (as multisets, or within one group of tied ORDER BY keys). */
        ROWS,
        /** Same rows, different order for the ORDER BY keys. */
        ORDER,
        /** Different update counts. */
        UPDATE_COUNT
    }
}
