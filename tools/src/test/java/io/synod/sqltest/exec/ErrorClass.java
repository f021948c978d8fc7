package io.synod.sqltest.exec;

import java.sql.SQLException;

/**
 * A coarse class of a failure, comparable across systems whose error codes differ. SQLite
 * reports few SQLStates, so its class comes from its result code; where a system's class is
 * {@link #UNKNOWN} the comparison only asks that both failed.
 */
public enum ErrorClass {
    /** Integrity constraint violation: SQLState class 23, SQLite SQLITE_CONSTRAINT. */
    CONSTRAINT,
    /** Data exception: SQLState class 22, SQLite SQLITE_MISMATCH / SQLITE_TOOBIG / SQLITE_RANGE. */
    DATA,
    /** Anything else, including SQLite's catch-all SQLITE_ERROR (syntax and unknown objects alike). */
    UNKNOWN;

    private static final int SQLITE_TOOBIG = 18;
    private static final int SQLITE_CONSTRAINT = 19;
    private static final int SQLITE_MISMATCH = 20;
    private static final int SQLITE_RANGE = 25;

    /** Classifies by SQLState when the system gives one, else by SQLite's result code. */
    public static ErrorClass of(SQLException e) {
        String state = e.getSQLState();
        if (state != null && state.length() == 5 && !state.startsWith("HY") && !state.equals("00000")) {
            if (state.startsWith("23")) {
                return CONSTRAINT;
            }
            if (state.startsWith("22")) {
                return DATA;
            }
            return UNKNOWN;
        }
        // sqlite-jdbc reports the primary result code (low byte of an extended code).
        return switch (e.getErrorCode() & 0xff) {
            case SQLITE_CONSTRAINT -> CONSTRAINT;
            case SQLITE_MISMATCH, SQLITE_TOOBIG, SQLITE_RANGE -> DATA;
            default -> UNKNOWN;
        };
    }

    /** Whether two failures' classes contradict each other (both known and different). */
    public boolean contradicts(ErrorClass other) {
        return this != UNKNOWN && other != UNKNOWN && this != other;
    }
}
