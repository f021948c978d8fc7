package io.synod.sql;

import io.synod.sql.session.SynodSession;
import io.synod.sql.txn.Sequences;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.Driver;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * The Calcite connection of an engine until the planner over the catalog
 * ({@code io.synod.sql.calcite.CalciteConnections}) is wired in: Synod's identifier rules and the
 * {@code SYS} schema, without user tables.
 */
final class SysOnlyCalcite {

    private SysOnlyCalcite() {
    }

    static CalciteConnection open(SynodSession session, CatalogCache catalogs, Sequences sequences,
                                  Map<String, Table> sysTables) throws SQLException {
        Properties p = new Properties();
        p.setProperty("caseSensitive", "true");
        p.setProperty("unquotedCasing", "TO_UPPER");
        p.setProperty("quotedCasing", "UNCHANGED");
        p.setProperty("fun", "standard");
        p.setProperty("timeZone", "UTC");
        CalciteConnection connection = new Driver().connect("jdbc:calcite:", p).unwrap(CalciteConnection.class);
        SchemaPlus root = connection.getRootSchema();
        root.add("SYS", new AbstractSchema() {
            @Override
            protected Map<String, Table> getTableMap() {
                return sysTables;
            }
        });
        return connection;
    }
}
