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

    /**
     * What a failed computation means in SQL: a division by zero (22012) or a value out of its
     * type's range (22003), as Java and Calcite's generated code report them.
     */
    public static SqlStateException arithmetic(ArithmeticException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("by zero") || message.contains("Division undefined")) {
            return new SqlStateException("22012", "division by zero", e);
        }
        String detail = message.isBlank() ? "no detail" : message.lines().findFirst().orElseThrow().strip();
        return new SqlStateException("22003", "numeric value out of range: " + detail, e);
    }

    /** The five-character SQLState, e.g. {@code 40001}. */
    public String sqlState() {
        return sqlState;
    }
}
