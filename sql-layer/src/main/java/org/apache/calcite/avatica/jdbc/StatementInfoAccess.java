package org.apache.calcite.avatica.jdbc;

import java.sql.Statement;

/**
 * Reads the JDBC statement behind a {@link StatementInfo}, which Avatica keeps package-private.
 * The SQL gateway needs it to cancel a running statement (Statement.cancel and query timeouts),
 * which Avatica's protocol has no request for. Lives in Avatica's package for that one field only.
 */
public final class StatementInfoAccess {

    private StatementInfoAccess() {
    }

    public static Statement statement(StatementInfo info) {
        return info.statement;
    }
}
