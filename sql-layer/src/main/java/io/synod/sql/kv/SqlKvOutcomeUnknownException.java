package io.synod.sql.kv;

import io.synod.sql.SqlStateException;

/**
 * A commit reached the store but no answer came back: it may or may not have been applied
 * (SQLState 40003, statement completion unknown). Retrying blindly could apply it twice.
 */
public final class SqlKvOutcomeUnknownException extends SqlStateException {

    public SqlKvOutcomeUnknownException(String message, Throwable cause) {
        super("40003", message, cause);
    }
}
