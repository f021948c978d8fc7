package io.synod.sql.calcite;

import io.synod.sql.SqlStateException;
import io.synod.sql.kv.MemorySqlKv;
import io.synod.sql.kv.SqlKv;
import io.synod.sql.txn.Sequences;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One connection over a {@link TestSession}, in autocommit mode: each statement runs in its own
 * transaction, committed when it succeeds and rolled back when it fails.
 */
final class SqlHarness implements AutoCloseable {

    private final TestSession session;
    private final Connection connection;

    SqlHarness(SqlKv kv, Sequences sequences) throws SQLException {
        this.session = new TestSession(kv, sequences);
        this.connection = CalciteConnections.open(session, Map.of());
    }

    /** A harness over a fresh in-memory store. */
    static SqlHarness memory() throws SQLException {
        MemorySqlKv kv = new MemorySqlKv();
        return new SqlHarness(kv, new Sequences(kv));
    }

    TestSession session() {
        return session;
    }

    /** Runs a statement; returns its update count (-1 for a query). */
    long execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            boolean query = statement.execute(sql);
            long count = query ? -1 : statement.getLargeUpdateCount();
            if (query) {
                try (ResultSet rs = statement.getResultSet()) {
                    while (rs.next()) {
                        // drain: a query's reads happen as it is enumerated
                    }
                }
            }
            session.end(true);
            return count;
        } catch (SQLException | RuntimeException e) {
            session.end(false);
            throw e;
        }
    }

    /** Runs several statements, each in its own transaction. */
    void executeAll(String... statements) throws SQLException {
        for (String sql : statements) {
            execute(sql);
        }
    }

    /** The rows of a query, each as a list of column values (JDBC getObject). */
    List<List<Object>> query(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Object[] row = new Object[n];
                    for (int i = 0; i < n; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    rows.add(Arrays.asList(row));
                }
            }
            session.end(true);
            return rows;
        } catch (SQLException | RuntimeException e) {
            session.end(false);
            throw e;
        }
    }

    /** Runs a DML statement with parameters; returns the update count. */
    long update(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            long count = statement.executeLargeUpdate();
            session.end(true);
            return count;
        } catch (SQLException | RuntimeException e) {
            session.end(false);
            throw e;
        }
    }

    /** The plan {@code EXPLAIN PLAN FOR sql} prints. */
    String explain(String sql) throws SQLException {
        StringBuilder plan = new StringBuilder();
        for (List<Object> row : query("EXPLAIN PLAN FOR " + sql)) {
            plan.append(row.get(0));
        }
        return plan.toString();
    }

    /** The SQLState of the {@link SqlStateException} behind {@code e}, or null. */
    static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SqlStateException s) {
                return s.sqlState();
            }
        }
        return null;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
