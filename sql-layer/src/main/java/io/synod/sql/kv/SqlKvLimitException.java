package io.synod.sql.kv;

import io.synod.sql.SqlStateException;

/** A key, value or commit is over the store's size limits (SQLState 54000, program limit exceeded). */
public final class SqlKvLimitException extends SqlStateException {

    public SqlKvLimitException(String message) {
        super("54000", message);
    }

    public SqlKvLimitException(String message, Throwable cause) {
        super("54000", message, cause);
    }
}
