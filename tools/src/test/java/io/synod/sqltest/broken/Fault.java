package io.synod.sqltest.broken;

/** A deliberate bug {@link BrokenSqlite} injects, to prove the differential runner notices it. */
public enum Fault {
    /** Results of two or more rows lose their last row. */
    DROP_LAST_ROW,
    /** NULL values are returned as 0. */
    NULL_AS_ZERO,
    /** DELETE ... WHERE deletes every row. */
    DELETE_IGNORES_WHERE,
    /** LEFT JOIN behaves as an inner join. */
    LEFT_JOIN_AS_INNER,
    /** ORDER BY ... DESC sorts ascending. */
    DESC_AS_ASC
}
