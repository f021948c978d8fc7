package io.synod.sqltest.runner;

import io.synod.sqltest.exec.Outcome;
import io.synod.sqltest.exec.StepExecutor;
import io.synod.sqltest.exec.Target;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One target's connection, reused across cases (an in-process cluster is costly to start) and
 * reopened if a failure closed it.
 */
final class Session implements AutoCloseable {

    private final Target target;
    private Connection connection;

    Session(Target target) {
        this.target = target;
    }

    Outcome execute(String sql) {
        Connection c;
        try {
            c = connection();
        } catch (SQLException e) {
            return new Outcome.Failed(io.synod.sqltest.exec.ErrorClass.of(e), e.getSQLState(), e.getErrorCode(),
                "cannot connect: " + e.getMessage());
        }
        return StepExecutor.execute(c, sql);
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = target.connect();
            connection.setAutoCommit(true);
        }
        return connection;
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // Closing after the run: nothing left to protect.
            }
            connection = null;
        }
    }
}
