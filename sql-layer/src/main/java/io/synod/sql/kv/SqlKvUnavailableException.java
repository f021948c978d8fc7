package io.synod.sql.kv;

import io.synod.sql.SqlStateException;

/** The store could not be reached or did not answer in time; nothing was applied (SQLState 08006). */
public final class SqlKvUnavailableException extends SqlStateException {

    public SqlKvUnavailableException(String message, Throwable cause) {
        super("08006", message, cause);
    }
}
