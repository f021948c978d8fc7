package io.synod.sql.session;

import io.synod.kv.client.KvException;
import io.synod.sql.SqlStateException;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.runtime.CalciteException;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLNonTransientException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns whatever Calcite and the layers below throw into a {@link SQLException} a client can act
 * on: the SQLState of the actual cause, one short message line (no Java class names, no
 * "Error while executing SQL" chains; parse and validation errors say where: line and column),
 * the JDBC subclass that matches the state's class, and the original throwable as the cause.
 */
public final class SqlErrors {

    private static final Pattern TABLE_NOT_FOUND =
            Pattern.compile("(?:Object|Table) '([^']*)' not found(?: within '([^']*)')?");
    private static final Pattern SCHEMA_NOT_FOUND = Pattern.compile("Schema '([^']*)' not found");
    private static final Pattern COLUMN_NOT_FOUND = Pattern.compile("Column '([^']*)' not found.*");
    private static final Pattern UNKNOWN_FUNCTION =
            Pattern.compile("No match found for function signature .*|Cannot apply '.*' to arguments of type.*");
    private static final Pattern AMBIGUOUS = Pattern.compile(".* is ambiguous");
    private static final Pattern NOT_NULL = Pattern.compile(".*does not allow NULLs.*");
    private static final Pattern TYPE_MISMATCH =
            Pattern.compile("Cannot assign to target field .*|Number of INSERT target columns .*");
    private static final Pattern NOT_SUPPORTED = Pattern.compile("(?i).*\\bnot supported\\b.*");
    private static final Pattern INPUT_STRING = Pattern.compile("For input string: (\".*\")");

    private SqlErrors() {
    }

    /** The SQLException for {@code error}, which is returned unchanged when it already is one with a state. */
    public static SQLException translate(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            SQLException mapped = mapOne(t, error);
            if (mapped != null) {
                return mapped;
            }
        }
        if (error instanceof SQLException e && e.getSQLState() != null) {
            return e;
        }
        return create(SqlStates.INTERNAL_ERROR, "internal error: " + internalDetail(error), error);
    }

    /**
     * What an internal error says: the deepest message of its cause chain, and where the
     * innermost cause (or the first exception it suppressed: Calcite's "Unable to implement"
     * carries the real failure that way) was thrown when that one has no message of its own.
     */
    static String internalDetail(Throwable error) {
        String message = null;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = firstLine(t.getMessage());
            }
        }
        Throwable origin = innermost(error);
        if (origin.getSuppressed().length > 0) {
            origin = innermost(origin.getSuppressed()[0]);
        }
        if (origin.getMessage() != null && !origin.getMessage().isBlank()) {
            return message == null ? firstLine(origin.getMessage()) : message;
        }
        String thrown = origin.getClass().getSimpleName();
        StackTraceElement[] trace = origin.getStackTrace();
        for (StackTraceElement frame : trace) {
            if (!frame.getClassName().startsWith("com.google.common.base.")) {
                String className = frame.getClassName().substring(frame.getClassName().lastIndexOf('.') + 1);
                thrown += " at " + className + "." + frame.getMethodName() + ":" + frame.getLineNumber();
                break;
            }
        }
        return message == null ? thrown : message + " (" + thrown + ")";
    }

    /** Whether {@code error} or one of its causes is a {@code type}. */
    public static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** A SQLException of the JDBC subclass for {@code state}'s class, with {@code cause} attached. */
    public static SQLException create(String state, String message, Throwable cause) {
        SQLException e;
        if (state.equals(SqlStates.QUERY_CANCELED)) {
            e = new SQLTimeoutException(message, state);
        } else {
            e = switch (state.substring(0, 2)) {
                case "42" -> new SQLSyntaxErrorException(message, state);
                case "23" -> new SQLIntegrityConstraintViolationException(message, state);
                case "22" -> new SQLDataException(message, state);
                case "40" -> new SQLTransactionRollbackException(message, state);
                case "08" -> state.equals(SqlStates.CONNECTION_FAILURE)
                        ? new SQLTransientConnectionException(message, state)
                        : new SQLNonTransientConnectionException(message, state);
                case "0A" -> new SQLFeatureNotSupportedException(message, state);
                case "24", "25" -> new SQLNonTransientException(message, state);
                default -> new SQLException(message, state);
            };
        }
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    public static SQLException create(String state, String message) {
        return create(state, message, null);
    }

    private static SQLException mapOne(Throwable t, Throwable original) {
        if (t instanceof SqlStateException e) {
            return create(e.sqlState(), firstLine(e.getMessage()), original);
        }
        if (t instanceof SqlParseException e) {
            return syntaxError(e, original);
        }
        if (t instanceof CalciteContextException e) {
            return validationError(e, original);
        }
        if (t instanceof KvException e) {
            return switch (e.kind()) {
                case OUTCOME_UNKNOWN -> create(SqlStates.STATEMENT_COMPLETION_UNKNOWN,
                        "the store did not confirm the commit: it may or may not have been applied", original);
                case INVALID_ARGUMENT -> create(SqlStates.PROGRAM_LIMIT_EXCEEDED, firstLine(e.getMessage()), original);
                default -> create(SqlStates.CONNECTION_FAILURE,
                        "the store is unavailable: " + firstLine(e.getMessage()), original);
            };
        }
        if (t instanceof ArithmeticException e) {
            SqlStateException meaning = SqlStateException.arithmetic(e);
            return create(meaning.sqlState(), meaning.getMessage(), original);
        }
        if (t instanceof NumberFormatException e) {
            Matcher m = INPUT_STRING.matcher(String.valueOf(e.getMessage()));
            return create(SqlStates.INVALID_CAST, "invalid character value for cast: "
                    + (m.find() ? m.group(1) : firstLine(e.getMessage())), original);
        }
        if (t instanceof IllegalArgumentException && thrownBy(t, "org.apache.calcite.avatica.util.DateTimeUtils")) {
            return create(SqlStates.INVALID_DATETIME, "invalid datetime value: " + firstLine(t.getMessage()), original);
        }
        if (t instanceof RelOptPlanner.CannotPlanException) {
            return create(SqlStates.FEATURE_NOT_SUPPORTED,
                    "this combination of operations is not supported by the planner", original);
        }
        if (t instanceof UnsupportedOperationException || t instanceof SQLFeatureNotSupportedException) {
            return create(SqlStates.FEATURE_NOT_SUPPORTED, "not supported: " + firstLine(t.getMessage()), original);
        }
        if (t instanceof CalciteException e && thrownBy(e, "org.apache.calcite.runtime.SqlFunctions")) {
            return create(SqlStates.DATA_EXCEPTION, firstLine(e.getMessage()), original);
        }
        if (t instanceof SQLException e && e.getSQLState() != null && e.getCause() == null) {
            return create(e.getSQLState(), firstLine(e.getMessage()), original);
        }
        return null;
    }

    private static SQLException syntaxError(SqlParseException e, Throwable original) {
        String message = firstLine(e.getMessage());
        if (message.endsWith(".")) {
            message = message.substring(0, message.length() - 1);
        }
        SqlParserPos pos = e.getPos();
        if (pos != null && pos != SqlParserPos.ZERO && !message.contains(" at line ")) {
            message += at(pos.getLineNum(), pos.getColumnNum());
        }
        return create(SqlStates.SYNTAX_ERROR, "syntax error: " + message, original);
    }

    private static SQLException validationError(CalciteContextException e, Throwable original) {
        String message = e.getCause() != null ? firstLine(e.getCause().getMessage()) : firstLine(e.getMessage());
        String where = e.getPosLine() > 0 ? at(e.getPosLine(), e.getPosColumn()) : "";
        Matcher table = TABLE_NOT_FOUND.matcher(message);
        if (table.matches()) {
            String schema = table.group(2) == null ? "" : " in schema '" + table.group(2) + "'";
            return create(SqlStates.UNDEFINED_TABLE, "table '" + table.group(1) + "' not found" + schema + where,
                    original);
        }
        Matcher schema = SCHEMA_NOT_FOUND.matcher(message);
        if (schema.matches()) {
            return create(SqlStates.UNDEFINED_TABLE, "schema '" + schema.group(1) + "' not found" + where, original);
        }
        String state;
        if (COLUMN_NOT_FOUND.matcher(message).matches()) {
            state = SqlStates.UNDEFINED_COLUMN;
        } else if (UNKNOWN_FUNCTION.matcher(message).matches()) {
            state = SqlStates.UNDEFINED_FUNCTION;
        } else if (AMBIGUOUS.matcher(message).matches()) {
            state = SqlStates.AMBIGUOUS_COLUMN;
        } else if (NOT_NULL.matcher(message).matches()) {
            state = SqlStates.NOT_NULL_VIOLATION;
        } else if (TYPE_MISMATCH.matcher(message).matches()) {
            state = SqlStates.DATATYPE_MISMATCH;
        } else if (NOT_SUPPORTED.matcher(message).matches()) {
            state = SqlStates.FEATURE_NOT_SUPPORTED;
        } else {
            state = SqlStates.SYNTAX_ERROR_OR_ACCESS_RULE;
        }
        return create(state, message + where, original);
    }

    private static String at(int line, int column) {
        return " at line " + line + ", column " + column;
    }

    private static boolean thrownBy(Throwable t, String className) {
        StackTraceElement[] trace = t.getStackTrace();
        for (int i = 0; i < Math.min(trace.length, 8); i++) {
            if (trace[i].getClassName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable innermost(Throwable t) {
        Throwable inner = t;
        while (inner.getCause() != null && inner.getCause() != inner) {
            inner = inner.getCause();
        }
        return inner;
    }

    static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "no detail";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }
}
