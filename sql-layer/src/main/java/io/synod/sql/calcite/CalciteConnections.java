package io.synod.sql.calcite;

import io.synod.sql.calcite.ddl.SynodParserFactory;
import io.synod.sql.calcite.prepare.SynodPrepare;
import io.synod.sql.calcite.schema.SynodRootSchema;
import io.synod.sql.catalog.Catalog;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.config.NullCollation;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalciteJdbc41Factory;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.Driver;
import org.apache.calcite.schema.Table;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * Opens Calcite connections configured for Synod: the Synod parser (Calcite's DDL grammar plus
 * indexes, keys, ALTER TABLE and drop behaviours) with {@code SynodDdlExecutor}; a root schema
 * that reflects the catalog of the session's current transaction ({@code PUBLIC}, the default,
 * user schemas and {@code SYS}); SQL-standard identifiers (unquoted upper-cased, quoted kept,
 * matched case-sensitively); a liberal conformance (LIMIT/OFFSET, {@code !=}, GROUP BY alias or
 * ordinal, INSERT of a subset of the columns, strings of different lengths in VALUES and UNION
 * typed VARCHAR); UTC as the session time zone.
 */
public final class CalciteConnections {

    /** The schema holding the session's system tables. */
    public static final String SYS_SCHEMA = "SYS";

    private static final Driver DRIVER = new Driver().withPrepareFactory(SynodPrepare::new);
    private static final CalciteJdbc41Factory FACTORY = new CalciteJdbc41Factory();

    private CalciteConnections() {
    }

    /**
     * A connection whose statements plan and run against {@code ctx}. {@code sysTables} become
     * the tables of schema {@value #SYS_SCHEMA}; their names (and column names) should be
     * upper-case to be reachable unquoted.
     */
    public static CalciteConnection open(SessionContext ctx, Map<String, Table> sysTables) throws SQLException {
        Objects.requireNonNull(ctx, "ctx");
        SynodRootSchema schema = new SynodRootSchema(ctx, sysTables);
        CalciteSchema root = CalciteSchema.createRootSchema(false, false, "", schema);
        schema.attach(root);
        Properties properties = properties();
        CalciteConnection connection = (CalciteConnection) FACTORY.newConnection(DRIVER, FACTORY,
                Driver.CONNECT_STRING_PREFIX, properties, root, null);
        // Calcite's Driver.connect would apply the default schema; this path bypasses it.
        connection.setSchema(properties.getProperty(CalciteConnectionProperty.SCHEMA.camelName()));
        return connection;
    }

    /** Synod's Calcite connection properties. */
    private static Properties properties() {
        Properties p = new Properties();
        set(p, CalciteConnectionProperty.PARSER_FACTORY, SynodParserFactory.class.getName() + "#INSTANCE");
        set(p, CalciteConnectionProperty.TYPE_SYSTEM, SynodTypeSystem.class.getName() + "#INSTANCE");
        set(p, CalciteConnectionProperty.SCHEMA, Catalog.DEFAULT_SCHEMA);
        set(p, CalciteConnectionProperty.QUOTING, Quoting.DOUBLE_QUOTE.name());
        set(p, CalciteConnectionProperty.UNQUOTED_CASING, Casing.TO_UPPER.name());
        set(p, CalciteConnectionProperty.QUOTED_CASING, Casing.UNCHANGED.name());
        set(p, CalciteConnectionProperty.CASE_SENSITIVE, "true");
        // BIG_QUERY: LIMIT/OFFSET, != , GROUP BY alias, INSERT of a column subset, and (unlike
        // LENIENT) VALUES/UNION of strings of different lengths typed VARCHAR, not blank-padded CHAR.
        set(p, CalciteConnectionProperty.CONFORMANCE, SqlConformanceEnum.BIG_QUERY.name());
        set(p, CalciteConnectionProperty.FUN, "standard");
        set(p, CalciteConnectionProperty.DEFAULT_NULL_COLLATION, NullCollation.HIGH.name());
        set(p, CalciteConnectionProperty.TIME_ZONE, "UTC");
        set(p, CalciteConnectionProperty.MATERIALIZATIONS_ENABLED, "false");
        set(p, CalciteConnectionProperty.CREATE_MATERIALIZATIONS, "false");
        return p;
    }

    private static void set(Properties p, CalciteConnectionProperty property, String value) {
        p.setProperty(property.camelName(), value);
    }
}
