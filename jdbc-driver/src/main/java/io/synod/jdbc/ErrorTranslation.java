package io.synod.jdbc;

import org.apache.calcite.avatica.AvaticaSqlException;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;

/**
 * Gives applications the server's error as the server said it. Avatica's client decorates a
 * remote error as {@code Error 0 (42000) : Error while executing SQL "...": MSG. MSG}; this turns it
 * back into MSG with its SQLState, as the JDBC subclass the SQLState class calls for
 * (SQLSyntaxErrorException for 42, SQLTransactionRollbackException for 40, ...). The Avatica
 * exception stays attached as the cause.
 */
final class ErrorTranslation {

    /** A JDBC call that may fail. */
    @FunctionalInterface
    interface SqlCall<T> {
        T call() throws SQLException;
    }

    private ErrorTranslation() {
    }

    static <T> T translate(SqlCall<T> call) throws SQLException {
        try {
            return call.call();
        } catch (AvaticaSqlException e) {
            throw translate(e);
        }
    }

    /** Translates Avatica's decorated exceptions; others stay as they are. */
    static SQLException translate(SQLException e) {
        return e instanceof AvaticaSqlException avatica ? translate(avatica) : e;
    }

    static SQLException translate(AvaticaSqlException e) {
        return typed(serverMessage(e.getErrorMessage()), e.getSQLState(), e.getErrorCode(), e);
    }

    /** Avatica's client prefixes every remote error's message with this. */
    private static final String REMOTE_PREFIX = "Remote driver error: ";

    /**
     * Avatica builds "CONTEXT: Remote driver error: MSG", or "CONTEXT: Remote driver error: MSG.
     * Remote driver error: MSG" when the context repeats the error; MSG is what the server said.
     */
    static String serverMessage(String decorated) {
        if (decorated == null) {
            return null;
        }
        int at = decorated.indexOf(REMOTE_PREFIX);
        if (at < 0) {
            return decorated;
        }
        String message = decorated.substring(at + REMOTE_PREFIX.length());
        int repeat = message.indexOf(". " + REMOTE_PREFIX);
        return repeat < 0 ? message : message.substring(0, repeat);
    }

    static SQLException typed(String message, String state, int code, Throwable cause) {
        String s = state == null ? "" : state;
        if (s.equals("57014")) {
            return new SQLTimeoutException(message, s, code, cause);
        }
        String cls = s.length() >= 2 ? s.substring(0, 2) : "";
        return switch (cls) {
            case "42" -> new SQLSyntaxErrorException(message, s, code, cause);
            case "23" -> new SQLIntegrityConstraintViolationException(message, s, code, cause);
            case "40" -> new SQLTransactionRollbackException(message, s, code, cause);
            case "22" -> new SQLDataException(message, s, code, cause);
            case "28" -> new SQLInvalidAuthorizationSpecException(message, s, code, cause);
            case "0A" -> new SQLFeatureNotSupportedException(message, s, code, cause);
            case "08" -> s.equals("08006") || s.equals("08004")
                    ? new SQLTransientConnectionException(message, s, code, cause)
                    : new SQLNonTransientConnectionException(message, s, code, cause);
            default -> new SQLException(message, s, code, cause);
        };
    }
}
