package io.synod.jdbc;

import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A Synod statement: Avatica's, plus a query timeout the gateway enforces, a working cancel()
 * (Avatica's protocol has none; the driver sends its own Cancel call), and server errors with
 * their own SQLState and message.
 */
final class SynodStatement extends AvaticaStatement {

    SynodStatement(SynodConnection connection, Meta.StatementHandle h, int resultSetType, int resultSetConcurrency,
                   int resultSetHoldability) {
        super(connection, h, resultSetType, resultSetConcurrency, resultSetHoldability);
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        return ErrorTranslation.translate(() -> super.executeQuery(sql));
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        return ErrorTranslation.translate(() -> super.execute(sql));
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        return ErrorTranslation.translate(() -> super.executeLargeUpdate(sql));
    }

    @Override
    public int[] executeBatch() throws SQLException {
        return ErrorTranslation.translate(super::executeBatch);
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        return ErrorTranslation.translate(super::executeLargeBatch);
    }

    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
        super.setQueryTimeout(seconds);
        StatementControl.queryTimeout(this, seconds);
    }

    @Override
    public void cancel() throws SQLException {
        super.cancel();
        StatementControl.cancel(this);
    }

    @Override
    public void close() throws SQLException {
        StatementControl.forget(this);
        super.close();
    }
}
