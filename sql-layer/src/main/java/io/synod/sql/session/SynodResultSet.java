package io.synod.sql.session;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a query, streamed from Calcite's result set (nothing is materialised). In
 * autocommit mode it owns the query's transaction and commits it when the rows are exhausted
 * or the result set is closed, so a query is one atomic read even when it spans several
 * ranges; a conflict then surfaces from {@code next()} or {@code close()} as 40001.
 */
final class SynodResultSet extends ForwardingResultSet {

    private final SynodStatement statement;
    private ResultSet rows;
    private final Execution execution;
    private TransactionHandle owned;
    private volatile boolean closed;

    SynodResultSet(SynodStatement statement, ResultSet rows, Execution execution, TransactionHandle owned) {
        this.statement = statement;
        this.rows = rows;
        this.execution = execution;
        this.owned = owned;
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        return statement.connection().withDeclaredLengths(super.getMetaData());
    }

    @Override
    public boolean next() throws SQLException {
        checkOpen();
        execution.check();
        boolean more;
        try {
            more = rows.next();
        } catch (SQLException | RuntimeException | ExceptionInInitializerError | AssertionError e) {
            SQLException error = execution.translate(e);
            abandon();
            throw error;
        }
        if (!more) {
            complete();
        }
        return more;
    }

    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            rows.close();
        } catch (SQLException | RuntimeException e) {
            abandon();
            throw SqlErrors.translate(e);
        } finally {
            statement.resultSetClosed(this);
        }
        complete();
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public Statement getStatement() {
        return statement;
    }

    /**
     * Another statement is starting while these rows still read in their autocommit
     * transaction: read the rest into memory and commit, so the next statement gets a
     * transaction of its own. Only this case buffers; otherwise rows stream.
     */
    void materialize() throws SQLException {
        if (closed || owned == null) {
            return;
        }
        List<RowsResultSet.Column> columns = new ArrayList<>();
        List<Object[]> rest = new ArrayList<>();
        try {
            ResultSetMetaData md = rows.getMetaData();
            int n = md.getColumnCount();
            for (int i = 1; i <= n; i++) {
                columns.add(new RowsResultSet.Column(md.getColumnLabel(i), javaClass(md.getColumnClassName(i)),
                        md.isNullable(i) != ResultSetMetaData.columnNoNulls));
            }
            while (rows.next()) {
                execution.check();
                Object[] row = new Object[n];
                for (int i = 1; i <= n; i++) {
                    row[i - 1] = rows.getObject(i);
                }
                rest.add(row);
            }
            rows.close();
        } catch (SQLException | RuntimeException | ExceptionInInitializerError | AssertionError e) {
            SQLException error = execution.translate(e);
            abandon();
            throw error;
        }
        rows = statement.connection().rows(columns, rest);
        complete();
    }

    private static Class<?> javaClass(String name) {
        try {
            return name == null ? Object.class : Class.forName(name);
        } catch (ClassNotFoundException e) {
            return Object.class;
        }
    }

    boolean ownsTransaction() {
        return owned != null;
    }

    /** The connection ended the transaction these rows were read in (commit or rollback). */
    void transactionEnded() {
        closed = true;
        execution.finish();
        try {
            rows.close();
        } catch (SQLException | RuntimeException e) {
            // Closing Calcite's cursor cannot fail in a way that matters once the transaction is over.
        }
    }

    @Override
    protected ResultSet delegate() throws SQLException {
        checkOpen();
        return rows;
    }

    @Override
    protected <T> T call(SqlSupplier<T> action) throws SQLException {
        try {
            return action.get();
        } catch (SQLException | RuntimeException | ExceptionInInitializerError | AssertionError e) {
            throw execution.translate(e);
        }
    }

    @Override
    protected void run(SqlRunnable action) throws SQLException {
        call(() -> {
            action.run();
            return null;
        });
    }

    /** The statement is complete: commit the transaction this result set owns. */
    private void complete() throws SQLException {
        execution.finish();
        TransactionHandle handle = owned;
        owned = null;
        if (handle != null) {
            statement.session().finish(handle);
        }
    }

    private void abandon() {
        execution.finish();
        TransactionHandle handle = owned;
        owned = null;
        if (handle != null) {
            statement.session().abandon(handle);
        }
    }

    private void checkOpen() throws SQLException {
        if (closed) {
            throw SqlErrors.create(SqlStates.INVALID_CURSOR_STATE, "the result set is closed");
        }
        statement.connection().checkOpen();
    }
}
