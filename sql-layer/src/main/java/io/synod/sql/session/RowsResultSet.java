package io.synod.sql.session;

import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaResultSetMetaData;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.util.ArrayIteratorCursor;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;

/**
 * Result sets of rows the session computes itself (metadata answers, SHOW): Avatica's own
 * result set over an in-memory cursor, so every getter converts values exactly as for a query.
 */
final class RowsResultSet {

    /** A column: its label, the Java class of its values, and whether it may hold NULL. */
    record Column(String name, Class<?> type, boolean nullable) {
    }

    private RowsResultSet() {
    }

    static Column col(String name, Class<?> type) {
        return new Column(name, type, true);
    }

    static Column notNull(String name, Class<?> type) {
        return new Column(name, type, false);
    }

    /** A result set over {@code rows}, owned by {@code statement} (closed with it). */
    static ResultSet of(AvaticaStatement statement, List<Column> columns, List<Object[]> rows) throws SQLException {
        List<ColumnMetaData> meta = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            meta.add(MetaImpl.columnMetaData(c.name(), i, c.type(),
                    c.nullable() ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls));
        }
        Meta.Signature signature = Meta.Signature.create(meta, "", List.of(), Meta.CursorFactory.ARRAY,
                Meta.StatementType.SELECT);
        AvaticaResultSet rs = new AvaticaResultSet(statement, new QueryState(), signature,
                new AvaticaResultSetMetaData(statement, null, signature), TimeZone.getDefault(), null);
        return rs.execute2(new ArrayIteratorCursor(rows.iterator()), meta);
    }
}
