package io.synod.sql.session;

import io.synod.sql.kv.RangeCondition;
import io.synod.sql.txn.CatalogChangedException;
import io.synod.sql.txn.Transaction;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A prepared statement: planned once by Calcite at prepare time (within the session's
 * transaction rules, since planning reads the catalog), executed with the parameters bound.
 * The plan is reused for as long as the catalog version it was made against is the one the
 * executing transaction sees; after DDL it is made again (see {@link #currentPlan}).
 * Parameter setters are forwarded to Calcite's prepared statement and the latest assignment of
 * each parameter is recorded, so a batch replays each row's parameters and runs it as one
 * update. A session command (COMMIT, SET CONSISTENCY ...) may be prepared too; it runs in the
 * session. DDL is planned only when it runs: Calcite executes DDL while preparing it, and a
 * prepared CREATE TABLE must create nothing until it is executed.
 */
@SuppressWarnings("deprecation")
final class SynodPreparedStatement extends SynodStatement implements PreparedStatement {

    /** One parameter assignment, replayable against Calcite's statement. */
    @FunctionalInterface
    interface Binding {
        void apply(PreparedStatement calcite) throws SQLException;
    }

    private final String sql;
    private final SessionCommand command;
    /** DDL, run as plain SQL at execution (see the class comment). */
    private final boolean ddl;
    private final boolean query;
    /** The current assignment of each parameter, by index: what a batch row replays. */
    private final Map<Integer, Binding> bindings = new LinkedHashMap<>();
    private final List<List<Binding>> batch = new ArrayList<>();
    /** The catalog version the plan follows (see {@link CatalogBoundPlan}). */
    private long planVersion = CatalogBoundPlan.CATALOG_FREE;
    /** The read that found {@link #planVersion}: a writing run's commit checks it (see {@link Transaction#expectCatalogVersion}). */
    private RangeCondition planCatalogRead;

    SynodPreparedStatement(SynodConnection connection, String sql) throws SQLException {
        super(connection);
        this.sql = sql;
        String normalized = SessionCommand.normalize(sql);
        this.command = SessionCommand.parseNormalized(normalized).orElse(null);
        this.query = SessionCommand.looksLikeQueryNormalized(normalized);
        this.ddl = command == null && SessionCommand.looksLikeDdlNormalized(normalized);
        if (plannedAtPrepare()) {
            CatalogBoundPlan plan = connection.prepareInCalcite(sql, query);
            setCalcite(plan.statement());
            planVersion = plan.catalogVersion();
            planCatalogRead = plan.catalogRead();
        }
    }

    /**
     * The plan for this run, made again if it follows another catalog version than the
     * transaction's. A transaction that does not know its catalog version yet learns it with its
     * first store read, which then checks the plan's version (the plan is not re-made on a guess).
     */
    @Override
    Statement currentPlan() throws SQLException {
        if (planVersion == CatalogBoundPlan.CATALOG_FREE) {
            return calcite();
        }
        Transaction tx = session().transaction();
        if (planVersion == CatalogBoundPlan.UNCOMMITTED || tx.writesCatalog()
                || tx.knowsCatalogVersion() && tx.readCatalogVersion() != planVersion) {
            replan();
        }
        if (planVersion >= 0 && !tx.knowsCatalogVersion()) {
            tx.expectCatalogVersion(planVersion, planCatalogRead);
        }
        return calcite();
    }

    /** Plans the SQL again in the running statement, with the current parameter values. */
    private void replan() throws SQLException {
        planVersion = CatalogBoundPlan.UNCOMMITTED;
        CatalogBoundPlan plan = connection().planInStatement(sql);
        replaceCalcite(plan.statement());
        for (Binding b : bindings.values()) {
            b.apply(plan.statement());
        }
        planVersion = plan.catalogVersion();
        planCatalogRead = plan.catalogRead();
    }

    /** Whether Calcite planned this statement when it was prepared: not for session commands and DDL. */
    private boolean plannedAtPrepare() {
        return command == null && !ddl;
    }

    private PreparedStatement prepared(int parameterIndex) throws SQLException {
        if (!plannedAtPrepare()) {
            throw NoParameters.noSuchParameter(parameterIndex);
        }
        return (PreparedStatement) calcite();
    }

    @Override
    Statement createCalcite() throws SQLException {
        if (ddl) {
            return super.createCalcite();
        }
        throw SqlErrors.create(SqlStates.INTERNAL_ERROR, "a prepared statement is planned when it is created");
    }

    // ------------------------------------------------------------------ execution

    @Override
    public boolean execute() throws SQLException {
        return run(query);
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        if (!run(true)) {
            throw SqlErrors.create(SqlStates.SYNTAX_ERROR_OR_ACCESS_RULE,
                    "executeQuery needs a statement that returns rows; use executeUpdate or execute");
        }
        return getResultSet();
    }

    @Override
    public int executeUpdate() throws SQLException {
        return (int) Math.min(Integer.MAX_VALUE, executeLargeUpdate());
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        if (run(false)) {
            throw SqlErrors.create(SqlStates.SYNTAX_ERROR_OR_ACCESS_RULE,
                    "executeUpdate cannot run a statement that returns rows; use executeQuery or execute");
        }
        return Math.max(getLargeUpdateCount(), 0);
    }

    private boolean run(boolean asQuery) throws SQLException {
        startRun();
        if (command != null) {
            return finishCommand(connection().runCommand(command, this));
        }
        if (ddl) {
            return this.<Statement>runInCalcite(false, c -> c.execute(sql) ? c.getResultSet() : null,
                    Statement::getLargeUpdateCount);
        }
        try {
            return runPlanned(asQuery);
        } catch (SQLException e) {
            if (!SqlErrors.causedBy(e, CatalogChangedException.class)) {
                throw e;
            }
            // DDL committed since the plan was made: plan again at the next run. In autocommit
            // nothing of this run is left (its transaction was rolled back), so that run is now.
            planVersion = CatalogBoundPlan.UNCOMMITTED;
            if (session().explicit()) {
                throw e;
            }
            startRun();
            return runPlanned(asQuery);
        }
    }

    private boolean runPlanned(boolean asQuery) throws SQLException {
        return this.<PreparedStatement>runInCalcite(asQuery,
                p -> p.execute() ? p.getResultSet() : null, Statement::getLargeUpdateCount);
    }

    @Override
    public void addBatch() throws SQLException {
        checkOpen();
        batch.add(List.copyOf(bindings.values()));
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        batch.clear();
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        checkOpen();
        List<List<Binding>> rows = List.copyOf(batch);
        batch.clear();
        long[] counts = new long[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            try {
                if (plannedAtPrepare()) {
                    PreparedStatement p = (PreparedStatement) calcite();
                    p.clearParameters();
                    for (Binding b : rows.get(i)) {
                        b.apply(p);
                    }
                }
                counts[i] = executeLargeUpdate();
            } catch (SQLException e) {
                throw new java.sql.BatchUpdateException(e.getMessage(), e.getSQLState(), e.getErrorCode(),
                        Arrays.copyOf(counts, i), e);
            }
        }
        return counts;
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        throw SqlErrors.create(SqlStates.SYNTAX_ERROR_OR_ACCESS_RULE,
                "addBatch(String) is not for prepared statements: use addBatch()");
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        throw notOnPrepared();
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        throw notOnPrepared();
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        throw notOnPrepared();
    }

    private static SQLException notOnPrepared() {
        return SqlErrors.create(SqlStates.SYNTAX_ERROR_OR_ACCESS_RULE,
                "a prepared statement runs its own SQL: call the method without a SQL argument");
    }

    // ------------------------------------------------------------------ description

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        if (command != null) {
            return connection().describeCommand(command);
        }
        if (ddl) {
            return null;
        }
        return connection().withDeclaredLengths(describe(() -> ((PreparedStatement) calcite()).getMetaData()));
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        checkOpen();
        if (!plannedAtPrepare()) {
            return NoParameters.INSTANCE;
        }
        return describe(() -> ((PreparedStatement) calcite()).getParameterMetaData());
    }

    private <T> T describe(SqlSupplier<T> action) throws SQLException {
        try {
            return action.get();
        } catch (SQLException | RuntimeException e) {
            throw SqlErrors.translate(e);
        }
    }

    @Override
    public void clearParameters() throws SQLException {
        checkOpen();
        bindings.clear();
        if (plannedAtPrepare()) {
            describe(() -> {
                ((PreparedStatement) calcite()).clearParameters();
                return null;
            });
        }
    }

    /** Applies an assignment of parameter {@code parameterIndex} now and records it for batches. */
    private void bind(int parameterIndex, Binding binding) throws SQLException {
        checkOpen();
        try {
            binding.apply(prepared(parameterIndex));
        } catch (SQLException | RuntimeException e) {
            throw SqlErrors.translate(e);
        }
        bindings.put(parameterIndex, binding);
    }

    // ------------------------------------------------------------------ parameter setters (forwarded)

    @Override
    public void setNull(int parameterIndex, int sqlType) throws SQLException {
        bind(parameterIndex, p -> p.setNull(parameterIndex, sqlType));
    }

    @Override
    public void setBoolean(int parameterIndex, boolean x) throws SQLException {
        bind(parameterIndex, p -> p.setBoolean(parameterIndex, x));
    }

    @Override
    public void setByte(int parameterIndex, byte x) throws SQLException {
        bind(parameterIndex, p -> p.setByte(parameterIndex, x));
    }

    @Override
    public void setShort(int parameterIndex, short x) throws SQLException {
        bind(parameterIndex, p -> p.setShort(parameterIndex, x));
    }

    @Override
    public void setInt(int parameterIndex, int x) throws SQLException {
        bind(parameterIndex, p -> p.setInt(parameterIndex, x));
    }

    @Override
    public void setLong(int parameterIndex, long x) throws SQLException {
        bind(parameterIndex, p -> p.setLong(parameterIndex, x));
    }

    @Override
    public void setFloat(int parameterIndex, float x) throws SQLException {
        bind(parameterIndex, p -> p.setFloat(parameterIndex, x));
    }

    @Override
    public void setDouble(int parameterIndex, double x) throws SQLException {
        bind(parameterIndex, p -> p.setDouble(parameterIndex, x));
    }

    @Override
    public void setBigDecimal(int parameterIndex, BigDecimal x) throws SQLException {
        bind(parameterIndex, p -> p.setBigDecimal(parameterIndex, x));
    }

    @Override
    public void setString(int parameterIndex, String x) throws SQLException {
        bind(parameterIndex, p -> p.setString(parameterIndex, x));
    }

    @Override
    public void setBytes(int parameterIndex, byte[] x) throws SQLException {
        bind(parameterIndex, p -> p.setBytes(parameterIndex, x));
    }

    @Override
    public void setDate(int parameterIndex, Date x) throws SQLException {
        bind(parameterIndex, p -> p.setDate(parameterIndex, x));
    }

    @Override
    public void setTime(int parameterIndex, Time x) throws SQLException {
        bind(parameterIndex, p -> p.setTime(parameterIndex, x));
    }

    @Override
    public void setTimestamp(int parameterIndex, Timestamp x) throws SQLException {
        bind(parameterIndex, p -> p.setTimestamp(parameterIndex, x));
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x, int length) throws SQLException {
        bind(parameterIndex, p -> p.setAsciiStream(parameterIndex, x, length));
    }

    @Override
    public void setUnicodeStream(int parameterIndex, InputStream x, int length) throws SQLException {
        bind(parameterIndex, p -> p.setUnicodeStream(parameterIndex, x, length));
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x, int length) throws SQLException {
        bind(parameterIndex, p -> p.setBinaryStream(parameterIndex, x, length));
    }

    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
        bind(parameterIndex, p -> p.setObject(parameterIndex, x, targetSqlType));
    }

    @Override
    public void setObject(int parameterIndex, Object x) throws SQLException {
        bind(parameterIndex, p -> p.setObject(parameterIndex, x));
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader, int length) throws SQLException {
        bind(parameterIndex, p -> p.setCharacterStream(parameterIndex, reader, length));
    }

    @Override
    public void setRef(int parameterIndex, Ref x) throws SQLException {
        bind(parameterIndex, p -> p.setRef(parameterIndex, x));
    }

    @Override
    public void setBlob(int parameterIndex, Blob x) throws SQLException {
        bind(parameterIndex, p -> p.setBlob(parameterIndex, x));
    }

    @Override
    public void setClob(int parameterIndex, Clob x) throws SQLException {
        bind(parameterIndex, p -> p.setClob(parameterIndex, x));
    }

    @Override
    public void setArray(int parameterIndex, Array x) throws SQLException {
        bind(parameterIndex, p -> p.setArray(parameterIndex, x));
    }

    @Override
    public void setDate(int parameterIndex, Date x, Calendar cal) throws SQLException {
        bind(parameterIndex, p -> p.setDate(parameterIndex, x, cal));
    }

    @Override
    public void setTime(int parameterIndex, Time x, Calendar cal) throws SQLException {
        bind(parameterIndex, p -> p.setTime(parameterIndex, x, cal));
    }

    @Override
    public void setTimestamp(int parameterIndex, Timestamp x, Calendar cal) throws SQLException {
        bind(parameterIndex, p -> p.setTimestamp(parameterIndex, x, cal));
    }

    @Override
    public void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException {
        bind(parameterIndex, p -> p.setNull(parameterIndex, sqlType, typeName));
    }

    @Override
    public void setURL(int parameterIndex, URL x) throws SQLException {
        bind(parameterIndex, p -> p.setURL(parameterIndex, x));
    }

    @Override
    public void setRowId(int parameterIndex, RowId x) throws SQLException {
        bind(parameterIndex, p -> p.setRowId(parameterIndex, x));
    }

    @Override
    public void setNString(int parameterIndex, String value) throws SQLException {
        bind(parameterIndex, p -> p.setNString(parameterIndex, value));
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader value, long length) throws SQLException {
        bind(parameterIndex, p -> p.setNCharacterStream(parameterIndex, value, length));
    }

    @Override
    public void setNClob(int parameterIndex, NClob value) throws SQLException {
        bind(parameterIndex, p -> p.setNClob(parameterIndex, value));
    }

    @Override
    public void setClob(int parameterIndex, Reader reader, long length) throws SQLException {
        bind(parameterIndex, p -> p.setClob(parameterIndex, reader, length));
    }

    @Override
    public void setBlob(int parameterIndex, InputStream inputStream, long length) throws SQLException {
        bind(parameterIndex, p -> p.setBlob(parameterIndex, inputStream, length));
    }

    @Override
    public void setNClob(int parameterIndex, Reader reader, long length) throws SQLException {
        bind(parameterIndex, p -> p.setNClob(parameterIndex, reader, length));
    }

    @Override
    public void setSQLXML(int parameterIndex, SQLXML xmlObject) throws SQLException {
        bind(parameterIndex, p -> p.setSQLXML(parameterIndex, xmlObject));
    }

    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        bind(parameterIndex, p -> p.setObject(parameterIndex, x, targetSqlType, scaleOrLength));
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException {
        bind(parameterIndex, p -> p.setAsciiStream(parameterIndex, x, length));
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
        bind(parameterIndex, p -> p.setBinaryStream(parameterIndex, x, length));
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader, long length) throws SQLException {
        bind(parameterIndex, p -> p.setCharacterStream(parameterIndex, reader, length));
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
        bind(parameterIndex, p -> p.setAsciiStream(parameterIndex, x));
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
        bind(parameterIndex, p -> p.setBinaryStream(parameterIndex, x));
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader) throws SQLException {
        bind(parameterIndex, p -> p.setCharacterStream(parameterIndex, reader));
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
        bind(parameterIndex, p -> p.setNCharacterStream(parameterIndex, value));
    }

    @Override
    public void setClob(int parameterIndex, Reader reader) throws SQLException {
        bind(parameterIndex, p -> p.setClob(parameterIndex, reader));
    }

    @Override
    public void setBlob(int parameterIndex, InputStream inputStream) throws SQLException {
        bind(parameterIndex, p -> p.setBlob(parameterIndex, inputStream));
    }

    @Override
    public void setNClob(int parameterIndex, Reader reader) throws SQLException {
        bind(parameterIndex, p -> p.setNClob(parameterIndex, reader));
    }
}
