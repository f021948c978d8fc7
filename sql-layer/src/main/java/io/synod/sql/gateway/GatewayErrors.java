package io.synod.sql.gateway;

import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;

import java.sql.SQLException;

/**
 * Turns whatever a request threw into the exception Avatica's handler encodes as an
 * {@code ErrorResponse}: the SQLState, vendor code and one-line message of the first
 * {@link SQLException} in the cause chain, so the client sees "42000 Object 'T' not found" and not
 * SQLState 00000 with a page of wrapped "Remote driver error" text.
 */
final class GatewayErrors {

    /** No SQLState anywhere in the chain: a general error. */
    static final String GENERAL_ERROR = "HY000";

    private GatewayErrors() {
    }

    static Exception toAvatica(Exception e) {
        if (e instanceof AvaticaRuntimeException) {
            return e;
        }
        // The driver reopens the connection when it sees Avatica's missing-connection code.
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NoSuchConnectionException) {
                return (NoSuchConnectionException) t;
            }
        }
        SQLException sql = firstSqlException(e);
        if (sql != null) {
            String state = sql.getSQLState() == null || sql.getSQLState().isBlank() ? GENERAL_ERROR : sql.getSQLState();
            return error(oneLine(sql.getMessage(), sql), sql.getErrorCode(), state, e);
        }
        return error(oneLine(e.getMessage(), e), 0, GENERAL_ERROR, e);
    }

    static AvaticaRuntimeException error(String message, int code, String sqlState, Throwable cause) {
        AvaticaRuntimeException error = new AvaticaRuntimeException(message, code, sqlState, AvaticaSeverity.ERROR);
        if (cause != null) {
            error.initCause(cause);
        }
        return error;
    }

    private static SQLException firstSqlException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    private static String oneLine(String message, Throwable source) {
        if (message == null || message.isBlank()) {
            return source.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
