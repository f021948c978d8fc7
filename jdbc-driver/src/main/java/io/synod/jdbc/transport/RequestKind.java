package io.synod.jdbc.transport;

import org.apache.calcite.avatica.remote.Service;

/** What an Avatica request does to the session, for failover decisions. */
enum RequestKind {
    /** Runs SQL (or continues reading its results): part of the current transaction, not repeatable blindly. */
    EXECUTE,
    COMMIT,
    ROLLBACK,
    CLOSE_STATEMENT,
    CLOSE_CONNECTION,
    OPEN_CONNECTION,
    /** Creates statements, syncs properties, reads metadata: safe to send again. */
    SESSION;

    static RequestKind of(Service.Request request) {
        if (request instanceof Service.ExecuteRequest || request instanceof Service.PrepareAndExecuteRequest
                || request instanceof Service.ExecuteBatchRequest
                || request instanceof Service.PrepareAndExecuteBatchRequest
                || request instanceof Service.FetchRequest || request instanceof Service.SyncResultsRequest) {
            return EXECUTE;
        }
        if (request instanceof Service.CommitRequest) {
            return COMMIT;
        }
        if (request instanceof Service.RollbackRequest) {
            return ROLLBACK;
        }
        if (request instanceof Service.CloseStatementRequest) {
            return CLOSE_STATEMENT;
        }
        if (request instanceof Service.CloseConnectionRequest) {
            return CLOSE_CONNECTION;
        }
        if (request instanceof Service.OpenConnectionRequest) {
            return OPEN_CONNECTION;
        }
        return SESSION;
    }

    boolean executes() {
        return this == EXECUTE;
    }

    /** Refused while a cut-off transaction waits for its rollback. */
    boolean continuesTransaction() {
        return this == EXECUTE || this == COMMIT;
    }

    /** Sending it again after it may have run could apply it twice. */
    boolean unsafeToRepeat() {
        return this == EXECUTE || this == COMMIT;
    }

    /** The statement a request names, or null. */
    static Integer statementId(Service.Request request) {
        if (request instanceof Service.ExecuteRequest r) {
            return r.statementHandle.id;
        } else if (request instanceof Service.PrepareAndExecuteRequest r) {
            return r.statementId;
        } else if (request instanceof Service.ExecuteBatchRequest r) {
            return r.statementId;
        } else if (request instanceof Service.PrepareAndExecuteBatchRequest r) {
            return r.statementId;
        } else if (request instanceof Service.FetchRequest r) {
            return r.statementId;
        } else if (request instanceof Service.SyncResultsRequest r) {
            return r.statementId;
        } else if (request instanceof Service.CloseStatementRequest r) {
            return r.statementId;
        }
        return null;
    }
}
