package io.synod.jdbc;

import org.apache.calcite.avatica.AvaticaStatement;

import java.sql.SQLException;

/** Query timeout and cancel of plain and prepared statements, which extend different Avatica classes. */
final class StatementControl {

    private static final long MILLIS_PER_SECOND = 1_000;

    private StatementControl() {
    }

    static void queryTimeout(AvaticaStatement statement, int seconds) throws SQLException {
        transport(statement).queryTimeout(statement.handle.id, seconds * MILLIS_PER_SECOND);
    }

    static void cancel(AvaticaStatement statement) throws SQLException {
        transport(statement).cancel(statement.handle.id);
    }

    static void forget(AvaticaStatement statement) throws SQLException {
        if (!statement.isClosed()) {
            transport(statement).queryTimeout(statement.handle.id, 0);
        }
    }

    private static io.synod.jdbc.transport.GatewayTransport transport(AvaticaStatement statement) throws SQLException {
        return ((SynodConnection) statement.getConnection()).transport();
    }
}
