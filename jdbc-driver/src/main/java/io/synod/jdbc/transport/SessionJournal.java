package io.synod.jdbc.transport;

import org.apache.calcite.avatica.ConnectionPropertiesImpl;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.remote.Service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a connection's server-side session consists of, learnt from the requests and responses
 * passing through: the OpenConnection properties, the last synced connection properties, SET
 * statements, the open statements and whether a transaction is under way. After a failover it
 * is replayed on the new gateway; a transaction cut off there cannot be, and is refused until
 * the application rolls back.
 */
final class SessionJournal {

    /** A statement the session holds; sql is null for a plain Statement. */
    static final class StatementRecord {
        final String sql;
        final long maxRowCount;
        /** A prepared query (SELECT): running it again cannot change anything. */
        final boolean query;
        /** Metadata result sets (getTables...) live on server statements that cannot be re-created. */
        final boolean metadata;
        boolean cursorOpen;
        String lost;

        StatementRecord(String sql, long maxRowCount, boolean query, boolean metadata) {
            this.sql = sql;
            this.maxRowCount = maxRowCount;
            this.query = query;
            this.metadata = metadata;
        }
    }

    private Map<String, String> openInfo = Map.of();
    private ConnectionPropertiesImpl properties;
    private boolean autoCommit = true;
    private boolean transactionDirty;
    private String cutOff;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final Map<Integer, StatementRecord> statements = new LinkedHashMap<>();

    void opened(Map<String, String> info) {
        openInfo = Map.copyOf(info);
    }

    Map<String, String> openInfo() {
        return openInfo;
    }

    ConnectionPropertiesImpl properties() {
        return properties;
    }

    List<String> settings() {
        return List.copyOf(settings.values());
    }

    /** Statements to re-create on a new gateway, by id. */
    Map<Integer, StatementRecord> restorable() {
        Map<Integer, StatementRecord> result = new LinkedHashMap<>();
        statements.forEach((id, record) -> {
            if (!record.metadata && record.lost == null) {
                result.put(id, record);
            }
        });
        return result;
    }

    StatementRecord statement(int id) {
        return statements.get(id);
    }

    boolean transactionActive() {
        return !autoCommit && transactionDirty;
    }

    /** Null if the request may go out; else why not (the message of a 40003 or 08006 error). */
    Refusal refusal(Service.Request request) {
        RequestKind kind = RequestKind.of(request);
        if (cutOff != null && kind.continuesTransaction()) {
            return new Refusal(TransportErrors.TRANSACTION_CUT_OFF, cutOff);
        }
        Integer id = RequestKind.statementId(request);
        StatementRecord record = id == null ? null : statements.get(id);
        if (record != null && record.lost != null && kind != RequestKind.CLOSE_STATEMENT) {
            return new Refusal(TransportErrors.CONNECTION_FAILURE, record.lost);
        }
        return null;
    }

    record Refusal(String sqlState, String message) {
    }

    /** The request reached a gateway (answered, or may have run before the gateway was lost). */
    void sent(Service.Request request) {
        RequestKind kind = RequestKind.of(request);
        if (kind.executes() && !autoCommit) {
            transactionDirty = true;
        }
        if (kind == RequestKind.EXECUTE) {
            StatementRecord record = statements.get(RequestKind.statementId(request));
            if (record != null) {
                record.cursorOpen = false;
            }
        }
    }

    void afterResponse(Service.Request request, Service.Response response) {
        if (response instanceof Service.ErrorResponse) {
            return;
        }
        if (response instanceof Service.ConnectionSyncResponse sync) {
            properties = (ConnectionPropertiesImpl) sync.connProps;
            if (sync.connProps.isAutoCommit() != null) {
                autoCommit = sync.connProps.isAutoCommit();
                if (autoCommit) {
                    // JDBC commits the open transaction when autocommit is switched on.
                    transactionDirty = false;
                    cutOff = null;
                }
            }
        } else if (response instanceof Service.CreateStatementResponse created) {
            statements.put(created.statementId, new StatementRecord(null, -1, false, false));
        } else if (response instanceof Service.PrepareResponse prepared
                && request instanceof Service.PrepareRequest prepare) {
            Meta.Signature signature = prepared.statement.signature;
            boolean query = signature != null && signature.statementType == Meta.StatementType.SELECT;
            statements.put(prepared.statement.id,
                    new StatementRecord(prepare.sql, prepare.maxRowCount, query, false));
        } else if (request instanceof Service.CloseStatementRequest close) {
            statements.remove(close.statementId);
        } else if (request instanceof Service.CommitRequest || request instanceof Service.RollbackRequest) {
            transactionDirty = false;
            cutOff = null;
        } else if (response instanceof Service.ExecuteResponse executed) {
            for (Service.ResultSetResponse result : executed.results) {
                cursor(result);
            }
            if (request instanceof Service.PrepareAndExecuteRequest run && isSetting(run.sql)) {
                settings.put(settingName(run.sql), run.sql);
            }
        } else if (response instanceof Service.FetchResponse fetched && request instanceof Service.FetchRequest fetch) {
            StatementRecord record = statements.get(fetch.statementId);
            if (record != null && fetched.frame != null) {
                record.cursorOpen = !fetched.frame.done;
            }
        } else if (response instanceof Service.ResultSetResponse metadata) {
            statements.computeIfAbsent(metadata.statementId, id -> new StatementRecord(null, -1, false, true));
            cursor(metadata);
        }
    }

    private void cursor(Service.ResultSetResponse result) {
        StatementRecord record = statements.get(result.statementId);
        if (record != null) {
            record.cursorOpen = result.firstFrame != null && !result.firstFrame.done;
        }
    }

    /**
     * The session now lives on a new server-side connection: cursors and metadata statements are
     * gone, and an open transaction is lost.
     */
    void sessionRecreated(String why) {
        for (StatementRecord record : statements.values()) {
            if (record.metadata || record.cursorOpen) {
                record.lost = "the result set was lost because " + why + "; run the query again";
                record.cursorOpen = false;
            }
        }
        if (transactionActive()) {
            cutOff = "the transaction was rolled back because " + why
                    + "; call rollback() and run the transaction again";
        }
        transactionDirty = false;
    }

    void statementLost(int id, String why) {
        StatementRecord record = statements.get(id);
        if (record != null) {
            record.lost = why;
        }
    }

    /**
     * Whether running the request again cannot change data: a query, as opposed to DML, DDL or a
     * batch. A query whose gateway was lost while it ran can simply run on the next one.
     */
    boolean readOnly(Service.Request request) {
        if (request instanceof Service.ExecuteRequest execute) {
            StatementRecord record = statements.get(execute.statementHandle.id);
            return record != null && record.query;
        }
        if (request instanceof Service.PrepareAndExecuteRequest run) {
            String s = run.sql.stripLeading().toUpperCase(Locale.ROOT);
            return s.startsWith("SELECT") || s.startsWith("VALUES") || s.startsWith("EXPLAIN");
        }
        return false;
    }

    private static boolean isSetting(String sql) {
        String s = sql.stripLeading().toUpperCase(Locale.ROOT);
        return s.startsWith("SET ") || s.startsWith("SET\t") || s.startsWith("SET\n");
    }

    /** "SET CONSISTENCY = 'stale'" → "SET CONSISTENCY": a later SET of the same name replaces it. */
    private static String settingName(String sql) {
        String[] words = sql.strip().split("[\\s=]+", 3);
        return words.length < 2 ? sql : (words[0] + " " + words[1]).toUpperCase(Locale.ROOT);
    }
}
