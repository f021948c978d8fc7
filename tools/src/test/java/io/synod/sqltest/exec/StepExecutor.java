package io.synod.sqltest.exec;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Runs one statement on one connection and captures its outcome; never throws for SQL errors. */
public final class StepExecutor {

    /** Rows read per result at most: a runaway join must not exhaust the heap. */
    public static final int MAX_ROWS = 20_000;

    /**
     * Statements of generated cases touch a few dozen rows: one running this long is stuck (the
     * margin is for machines so loaded that a 4-row INSERT was seen taking 12 s).
     */
    private static final int QUERY_TIMEOUT_SECONDS = 30;

    private StepExecutor() {
    }

    public static Outcome execute(Connection connection, String sql) {
        try (Statement statement = connection.createStatement()) {
            setTimeout(statement);
            boolean hasRows = statement.execute(sql);
            if (hasRows) {
                try (ResultSet rs = statement.getResultSet()) {
                    return read(rs);
                }
            }
            return new Outcome.Count(statement.getUpdateCount());
        } catch (SQLException e) {
            return failure(e);
        } catch (RuntimeException | AssertionError e) {
            // A driver that throws unchecked exceptions (Calcite's planner asserts) is a finding in
            // itself: report it as a failure and keep going.
            return new Outcome.Failed(ErrorClass.UNKNOWN, null, 0, "unchecked " + e);
        }
    }

    private static void setTimeout(Statement statement) throws SQLException {
        try {
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
        } catch (SQLFeatureNotSupportedException e) {
            // Without a timeout a hung statement stalls the run; the surefire timeout still bounds it.
        }
    }

    private static Outcome read(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int columns = md.getColumnCount();
        List<String> labels = new ArrayList<>(columns);
        for (int i = 1; i <= columns; i++) {
            labels.add(md.getColumnLabel(i));
        }
        List<List<Object>> rows = new ArrayList<>();
        boolean truncated = false;
        while (rs.next()) {
            if (rows.size() == MAX_ROWS) {
                truncated = true;
                break;
            }
            List<Object> row = new ArrayList<>(columns);
            for (int i = 1; i <= columns; i++) {
                row.add(Values.normalise(rs.getObject(i)));
            }
            rows.add(row);
        }
        return new Outcome.Rows(labels, rows, truncated);
    }

    private static Outcome failure(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage().lines().findFirst().orElse("");
        return new Outcome.Failed(ErrorClass.of(e), e.getSQLState(), e.getErrorCode(), message);
    }
}
