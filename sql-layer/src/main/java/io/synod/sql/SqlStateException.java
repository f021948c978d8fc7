package io.synod.sql;

import java.util.Objects;

/**
 * An error of the SQL layer that carries the SQLState a JDBC client sees (the session maps it
 * to a {@link java.sql.SQLException} with this state and message). Subclasses name the cause.
 */
public class SqlStateException extends RuntimeException {

    private final String sqlState;

    public SqlStateException(String sqlState, String message) {
        this(sqlState, message, null);
    }

    public SqlStateException(String sqlState, String message, Throwable cause) {
        super(message, cause);
        this.sqlState = Objects.requireNonNull(sqlState, "sqlState");
        if (sqlState.length() != 5) {
            throw new IllegalArgumentException("a SQLState has five characters: " + sqlState);
        }
    }

    /** The five-character SQLState, e.g. {@code 40001}. */
    public String sqlState() {
        return sqlState;
    }
}
