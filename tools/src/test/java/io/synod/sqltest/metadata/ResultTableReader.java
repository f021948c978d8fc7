package io.synod.sqltest.metadata;

import java.sql.Connection;
import java.sql.SQLException;

/** One-off metadata questions outside the walk. */
public final class ResultTableReader {

    private ResultTableReader() {
    }

    public static ResultTable columns(Connection c, String schema, String table, String column) throws SQLException {
        return ResultTable.read(c.getMetaData().getColumns(null, schema, table, column));
    }
}
