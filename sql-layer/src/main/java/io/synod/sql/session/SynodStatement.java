package io.synod.sql.session;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A statement of a {@link SynodConnection}. Session commands (BEGIN, COMMIT, SET CONSISTENCY,
 * ...) run in the session; everything else runs through the Calcite statement under the
 * session's transaction rules (see {@link SynodSession}). Errors are translated to SQLStates
 * ({@link SqlErrors}); the query timeout and {@link #cancel()} stop a run with 57014.
 */
class SynodStatement implements Statement {

    private final SynodConnection connection;
    private Statement calcite;
    private volatile Execution running;
    private SynodResultSet openRows;
    private ResultSet result;
    private long updateCount = -1;
    private int queryTimeoutSeconds;
    private int fetchSize;
    private long maxRows;
    private boolean closeOnCompletion;
    private SQLWarning warnings;
    private final List<String> batch = new ArrayList<>();
    private volatile boolean closed;

    SynodStatement(SynodConnection connection) {
        this.connection = connection;
    }

    // ------------------------------------------------------------------ execution

    @Override
    public boolean execute(String sql) throws SQLException {
        String normalized = SessionCommand.normalize(sql);
        boolean query = SessionCommand.looksLikeQueryNormalized(normalized);
        startRun();
        return runStarted(sql, normalized, query);
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        if (!run(sql, true)) {
            throw SqlErrors.create(SqlStates.SYNTAX_ERROR_OR_ACCESS_RULE,
                    "executeQuery needs a statement that returns rows; use executeUpdate or execute");
        }
        return result;
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        return (int) Math.min(Integer.MAX_VALUE, executeLargeUpdate(sql));
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        if (run(sql, false)) {
            throw SqlErrors.create(SqlStates.SYNTAX_ERROR_OR_ACCESS_RULE,
                    "executeUpdate cannot run a statement that returns rows; use executeQuery or execute");
        }
        return Math.max(updateCount, 0);
    }

    /** Runs {@code sql}; true when it produced a result set. */
    private boolean run(String sql, boolean query) throws SQLException {
        startRun();
        return runStarted(sql, SessionCommand.normalize(sql), query);
    }

    /** Runs {@code sql} ({@code normalized}: its {@link SessionCommand#normalize} form) once started. */
    private boolean runStarted(String sql, String normalized, boolean query) throws SQLException {
        Optional<SessionCommand> command = SessionCommand.parseNormalized(normalized);
        if (command.isPresent()) {
            ResultSet rows = connection.runCommand(command.get(), this);
            return finishCommand(rows);
        }
        return runInCalcite(query, c -> c.execute(sql) ? c.getResultSet() : null, Statement::getLargeUpdateCount);
    }

    /** Clears the previous result and checks the statement can run. */
    final void startRun() throws SQLException {
        checkOpen();
        closeResult();
        connection.completeStreamingRows();
        updateCount = -1;
        warnings = null;
    }

    final boolean finishCommand(ResultSet rows) {
        result = rows;
        updateCount = rows == null ? 0 : -1;
        return rows != null;
    }

    /** What a run does with the Calcite statement: execute, returning its result set or null. */
    @FunctionalInterface
    interface CalciteRun<S extends Statement> {
        ResultSet execute(S calcite) throws SQLException;
    }

    @FunctionalInterface
    interface UpdateCount<S extends Statement> {
        long get(S calcite) throws SQLException;
    }

    /** Runs a statement through Calcite within the session's transaction rules. */
    final <S extends Statement> boolean runInCalcite(boolean query, CalciteRun<S> body, UpdateCount<S> count)
            throws SQLException {
        SynodSession session = session();
        SynodSession.StatementScope scope = session.beginStatement(query);
        // Before any planning of this statement (a prepared statement may plan again here).
        AtomicBoolean plannerCancel = session.newStatementCancelFlag();
        S target;
        try {
            @SuppressWarnings("unchecked")
            S planned = (S) currentPlan();
            target = planned;
        } catch (SQLException | RuntimeException | ExceptionInInitializerError | AssertionError e) {
            session.statementFailed(scope);
            throw conflictAware(SqlErrors.translate(e));
        }
        Execution execution = new Execution(target, queryTimeoutSeconds, connection.timers(), plannerCancel);
        running = execution;
        boolean keepsExecution = false;
        try {
            ResultSet rows;
            try {
                rows = body.execute(target);
                execution.check();
            } catch (SQLException | RuntimeException | ExceptionInInitializerError | AssertionError e) {
                session.statementFailed(scope);
                throw conflictAware(execution.translate(e));
            }
            if (rows != null) {
                TransactionHandle owned = statementSucceeded(scope, true);
                openRows = new SynodResultSet(this, rows, execution, owned);
                result = openRows;
                keepsExecution = true;
                connection.resultSetOpened(openRows);
                return true;
            }
            updateCount = count.get(target);
            statementSucceeded(scope, false);
            return false;
        } finally {
            if (!keepsExecution) {
                execution.finish();
            }
        }
    }

    private TransactionHandle statementSucceeded(SynodSession.StatementScope scope, boolean keep) throws SQLException {
        try {
            return session().statementSucceeded(scope, keep);
        } catch (SQLException e) {
            throw conflictAware(e);
        }
    }

    /** A conflict ends the whole transaction: the session must refuse further statements in it. */
    private SQLException conflictAware(SQLException e) {
        if (SqlStates.SERIALIZATION_FAILURE.equals(e.getSQLState())) {
            session().abortAfterConflict();
            connection.transactionEnded();
        }
        return e;
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        checkOpen();
        return result;
    }

    @Override
    public int getUpdateCount() throws SQLException {
        checkOpen();
        return (int) Math.min(Integer.MAX_VALUE, updateCount);
    }

    @Override
    public long getLargeUpdateCount() throws SQLException {
        checkOpen();
        return updateCount;
    }

    @Override
    public boolean getMoreResults() throws SQLException {
        return getMoreResults(CLOSE_CURRENT_RESULT);
    }

    @Override
    public boolean getMoreResults(int current) throws SQLException {
        checkOpen();
        if (current != KEEP_CURRENT_RESULT) {
            closeResult();
        }
        result = null;
        updateCount = -1;
        return false;
    }

    // ------------------------------------------------------------------ batches

    @Override
    public void addBatch(String sql) throws SQLException {
        checkOpen();
        batch.add(sql);
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        batch.clear();
    }

    @Override
    public int[] executeBatch() throws SQLException {
        long[] counts = executeLargeBatch();
        int[] out = new int[counts.length];
        for (int i = 0; i < counts.length; i++) {
            out[i] = (int) Math.min(Integer.MAX_VALUE, counts[i]);
        }
        return out;
    }

    /** Runs the batch statement by statement (each under the usual transaction rules). */
    @Override
    public long[] executeLargeBatch() throws SQLException {
        checkOpen();
        List<String> statements = List.copyOf(batch);
        batch.clear();
        long[] counts = new long[statements.size()];
        for (int i = 0; i < statements.size(); i++) {
            try {
                counts[i] = executeLargeUpdate(statements.get(i));
            } catch (SQLException e) {
                long[] done = java.util.Arrays.copyOf(counts, i);
                throw new java.sql.BatchUpdateException(e.getMessage(), e.getSQLState(), e.getErrorCode(), done, e);
            }
        }
        return counts;
    }

    // ------------------------------------------------------------------ settings

    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
        checkOpen();
        if (seconds < 0) {
            throw SqlErrors.create(SqlStates.INVALID_PARAMETER_VALUE, "query timeout must be >= 0: " + seconds);
        }
        queryTimeoutSeconds = seconds;
    }

    @Override
    public int getQueryTimeout() throws SQLException {
        checkOpen();
        return queryTimeoutSeconds;
    }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        if (rows < 0) {
            throw SqlErrors.create(SqlStates.INVALID_PARAMETER_VALUE, "fetch size must be >= 0: " + rows);
        }
        fetchSize = rows;
        if (calcite != null) {
            calcite.setFetchSize(rows);
        }
    }

    @Override
    public int getFetchSize() throws SQLException {
        checkOpen();
        return fetchSize;
    }

    @Override
    public void setMaxRows(int max) throws SQLException {
        setLargeMaxRows(max);
    }

    @Override
    public void setLargeMaxRows(long max) throws SQLException {
        checkOpen();
        if (max < 0) {
            throw SqlErrors.create(SqlStates.INVALID_PARAMETER_VALUE, "max rows must be >= 0: " + max);
        }
        maxRows = max;
        if (calcite != null) {
            calcite.setLargeMaxRows(max);
        }
    }

    @Override
    public int getMaxRows() throws SQLException {
        return (int) Math.min(Integer.MAX_VALUE, getLargeMaxRows());
    }

    @Override
    public long getLargeMaxRows() throws SQLException {
        checkOpen();
        return maxRows;
    }

    @Override
    public int getMaxFieldSize() throws SQLException {
        checkOpen();
        return 0;
    }

    @Override
    public void setMaxFieldSize(int max) throws SQLException {
        checkOpen();
        if (max < 0) {
            throw SqlErrors.create(SqlStates.INVALID_PARAMETER_VALUE, "max field size must be >= 0: " + max);
        }
    }

    @Override
    public void setEscapeProcessing(boolean enable) throws SQLException {
        checkOpen();
    }

    @Override
    public void setCursorName(String name) throws SQLException {
        throw SqlErrors.create(SqlStates.FEATURE_NOT_SUPPORTED, "named cursors are not supported");
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        if (direction != ResultSet.FETCH_FORWARD) {
            throw SqlErrors.create(SqlStates.FEATURE_NOT_SUPPORTED, "result sets are forward-only");
        }
    }

    @Override
    public int getFetchDirection() throws SQLException {
        checkOpen();
        return ResultSet.FETCH_FORWARD;
    }

    @Override
    public int getResultSetConcurrency() throws SQLException {
        checkOpen();
        return ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public int getResultSetType() throws SQLException {
        checkOpen();
        return ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public int getResultSetHoldability() throws SQLException {
        checkOpen();
        return ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        checkOpen();
        return connection.emptyResultSet(List.of(RowsResultSet.col("GENERATED_KEY", Object.class)));
    }

    @Override
    public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return executeUpdate(sql);
    }

    @Override
    public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
        return executeUpdate(sql);
    }

    @Override
    public int executeUpdate(String sql, String[] columnNames) throws SQLException {
        return executeUpdate(sql);
    }

    @Override
    public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
        return execute(sql);
    }

    @Override
    public boolean execute(String sql, int[] columnIndexes) throws SQLException {
        return execute(sql);
    }

    @Override
    public boolean execute(String sql, String[] columnNames) throws SQLException {
        return execute(sql);
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return warnings;
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
        warnings = null;
    }

    void warn(String message) {
        SQLWarning w = new SQLWarning(message, "01000");
        if (warnings == null) {
            warnings = w;
        } else {
            warnings.setNextWarning(w);
        }
    }

    @Override
    public void setPoolable(boolean poolable) throws SQLException {
        checkOpen();
    }

    @Override
    public boolean isPoolable() throws SQLException {
        checkOpen();
        return false;
    }

    @Override
    public void closeOnCompletion() throws SQLException {
        checkOpen();
        closeOnCompletion = true;
    }

    @Override
    public boolean isCloseOnCompletion() throws SQLException {
        checkOpen();
        return closeOnCompletion;
    }

    // ------------------------------------------------------------------ life cycle

    @Override
    public void cancel() throws SQLException {
        checkOpen();
        Execution execution = running;
        if (execution != null) {
            execution.cancel();
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        checkOpen();
        return connection;
    }

    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            closeResult();
        } finally {
            connection.statementClosed(this);
            if (calcite != null) {
                try {
                    calcite.close();
                } catch (SQLException | RuntimeException e) {
                    // Calcite's statement holds no resource once its result set is closed.
                }
            }
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /** The connection is closing: release everything without committing. */
    void closeForConnection() {
        closed = true;
        if (openRows != null) {
            openRows.transactionEnded();
        }
        if (calcite != null) {
            try {
                calcite.close();
            } catch (SQLException | RuntimeException e) {
                // The connection closes Calcite's connection next, which releases it anyway.
            }
        }
    }

    void resultSetClosed(SynodResultSet rows) throws SQLException {
        connection.resultSetClosed(rows);
        if (rows == openRows) {
            openRows = null;
            if (closeOnCompletion && !closed) {
                close();
            }
        }
    }

    private void closeResult() throws SQLException {
        ResultSet previous = result;
        result = null;
        if (previous != null) {
            previous.close();
        }
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw SqlErrors.create(SqlStates.INVALID_PARAMETER_VALUE, "not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    // ------------------------------------------------------------------ for subclasses and the connection

    /** The Calcite statement this one runs on, created on first use. */
    Statement calcite() throws SQLException {
        if (calcite == null) {
            calcite = createCalcite();
            if (fetchSize > 0) {
                calcite.setFetchSize(fetchSize);
            }
            if (maxRows > 0) {
                calcite.setLargeMaxRows(maxRows);
            }
        }
        return calcite;
    }

    /**
     * The Calcite statement a run executes, called once the run's statement has begun in the
     * session (so it may read the transaction's catalog): a prepared statement re-plans here.
     */
    Statement currentPlan() throws SQLException {
        return calcite();
    }

    Statement createCalcite() throws SQLException {
        try {
            return connection.calcite().createStatement();
        } catch (SQLException | RuntimeException e) {
            throw SqlErrors.translate(e);
        }
    }

    final void setCalcite(Statement statement) {
        this.calcite = statement;
    }

    /** Replaces the Calcite statement (a new plan), closing the old one and keeping this statement's settings. */
    final void replaceCalcite(Statement statement) throws SQLException {
        Statement old = calcite;
        calcite = statement;
        if (fetchSize > 0) {
            statement.setFetchSize(fetchSize);
        }
        if (maxRows > 0) {
            statement.setLargeMaxRows(maxRows);
        }
        if (old != null) {
            old.close();
        }
    }

    final SynodConnection connection() {
        return connection;
    }

    final SynodSession session() {
        return connection.session();
    }

    final void checkOpen() throws SQLException {
        if (closed) {
            throw SqlErrors.create(SqlStates.INVALID_CURSOR_STATE, "the statement is closed");
        }
        connection.checkOpen();
    }
}
