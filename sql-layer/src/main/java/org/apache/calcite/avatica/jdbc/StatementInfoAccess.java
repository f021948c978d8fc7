package org.apache.calcite.avatica.jdbc;

import org.apache.calcite.avatica.Meta;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Reaches what Avatica keeps package-private in its JDBC server side. The SQL gateway needs the
 * JDBC statement behind a {@link StatementInfo} to cancel it (Statement.cancel and query
 * timeouts), and to answer a statement with a result set it did not run itself (a metadata
 * call), which Avatica's protocol has no request for.
 */
public final class StatementInfoAccess {

    private StatementInfoAccess() {
    }

    public static Statement statement(StatementInfo info) {
        return info.statement;
    }

    /**
     * Makes {@code resultSet} the current result of the statement {@code info} holds, so later
     * fetches read on from it, and returns its first frame of at most {@code maxRowsInFirstFrame}.
     */
    public static Meta.MetaResultSet answer(String connectionId, int statementId, StatementInfo info,
                                            ResultSet resultSet, int maxRowsInFirstFrame) throws SQLException {
        info.setResultSet(resultSet);
        return JdbcResultSet.create(connectionId, statementId, resultSet, maxRowsInFirstFrame);
    }
}
