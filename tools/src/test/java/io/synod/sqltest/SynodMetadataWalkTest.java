package io.synod.sqltest;

import io.synod.sqltest.metadata.ResultTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metadata walk against Synod, with what Synod promises beyond the contract: its own
 * product name, serializable isolation, upper-cased identifiers, the PUBLIC and sys schemas,
 * SYSTEM TABLE, exact column types and the SQL types it supports, a view opened like a table,
 * and JDBC LIKE patterns with their escape.
 */
class SynodMetadataWalkTest extends MetadataWalkContract {

    /** In process, every walk uses one named database, kept open between walks instead of started for each. */
    private static final String SHARED_IN_PROCESS = "jdbc:synod:mem:metadata-walk";

    private static Connection keepOpen;

    @BeforeAll
    static void openTheDatabaseOnce() throws SQLException {
        SynodUnderTest.assumeDriver();
        if (inProcess()) {
            keepOpen = DriverManager.getConnection(SHARED_IN_PROCESS);
        }
    }

    @AfterAll
    static void closeTheDatabase() throws SQLException {
        if (keepOpen != null) {
            keepOpen.close();
        }
    }

    private static boolean inProcess() {
        return SynodUnderTest.url().equals(SynodUnderTest.DEFAULT_URL);
    }

    @Override
    Connection connect() throws SQLException {
        return DriverManager.getConnection(inProcess() ? SHARED_IN_PROCESS : SynodUnderTest.url());
    }

    @Override
    String schema() {
        return "PUBLIC";
    }

    @Override
    String stored(String identifier) {
        return identifier.toUpperCase(Locale.ROOT);
    }

    @Test
    void synodNamesItselfAndIsSerializable() {
        assertThat((String) walk.answer("getDatabaseProductName")).containsIgnoringCase("synod");
        assertThat((String) walk.answer("getDriverName")).containsIgnoringCase("synod");
        assertThat(walk.answer("getDefaultTransactionIsolation")).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
        assertThat(walk.answer("connection.getTransactionIsolation")).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
        assertThat(walk.answer("supportsTransactionIsolationLevel(" + Connection.TRANSACTION_SERIALIZABLE + ")"))
            .isEqualTo(true);
        assertThat(walk.answer("storesUpperCaseIdentifiers")).isEqualTo(true);
        assertThat(walk.answer("storesMixedCaseIdentifiers")).isEqualTo(false);
    }

    @Test
    void schemasAndSystemTables() {
        List<String> schemas = walk.table("getSchemas").strings("TABLE_SCHEM");
        assertThat(schemas).contains("PUBLIC");
        assertThat(schemas).anyMatch(s -> s.equalsIgnoreCase("sys"));
        assertThat(walk.table("getTableTypes").strings("TABLE_TYPE")).contains("TABLE", "VIEW", "SYSTEM TABLE");
        ResultTable all = walk.table("getTables(all schemas)");
        assertThat(all.where("TABLE_TYPE", "SYSTEM TABLE")).as("sys tables").isNotEmpty()
            .allMatch(r -> ResultTable.string(r, "TABLE_SCHEM").equalsIgnoreCase("sys"));
        assertThat(walk.table("getTables").strings("TABLE_SCHEM")).containsOnly("PUBLIC");
    }

    @Test
    void exactColumnTypesSizesAndDefaults() {
        ResultTable columns = walk.table("getColumns");
        Map<String, Object> salary = columns.rows().get(3);
        assertThat(ResultTable.integer(salary, "DATA_TYPE")).isEqualTo(Types.DOUBLE);
        assertThat(ResultTable.string(columns.rows().get(2), "TYPE_NAME")).isEqualToIgnoringCase("VARCHAR");
        assertThat(columns.strings("TABLE_SCHEM")).containsOnly("PUBLIC");
        assertThat(columns.strings("TABLE_NAME")).containsOnly("MD_EMPLOYEES");
        // The data tab's metadata tells DBeaver which table and schema each column comes from (to edit it).
        var data = (io.synod.sqltest.metadata.MetadataWalk.DataAnswer) walk.answer("data");
        assertThat(data.columns()).allMatch(c -> "MD_EMPLOYEES".equalsIgnoreCase(c.table()));
        assertThat(data.columns().get(3).type()).isEqualTo(Types.DOUBLE);
    }

    @Test
    void theDataTabKnowsVarcharLengths() {
        var data = (io.synod.sqltest.metadata.MetadataWalk.DataAnswer) walk.answer("data");
        assertThat(data.columns().get(2).precision()).isEqualTo(40);
    }

    @Test
    void decimalColumnsReportPrecisionAndScale() throws SQLException {
        ResultTable budget = ResultTable.read(
                connection.getMetaData().getColumns(null, "PUBLIC", "MD_DEPARTMENTS", "BUDGET"));
        assertThat(budget.rows()).hasSize(1);
        Map<String, Object> row = budget.rows().get(0);
        assertThat(ResultTable.integer(row, "DATA_TYPE")).isEqualTo(Types.DECIMAL);
        assertThat(ResultTable.integer(row, "COLUMN_SIZE")).isEqualTo(12);
        assertThat(ResultTable.integer(row, "DECIMAL_DIGITS")).isEqualTo(2);
    }

    @Test
    void typeInfoListsTheSupportedTypes() {
        List<String> names = walk.table("getTypeInfo").strings("TYPE_NAME").stream()
            .map(n -> n.toUpperCase(Locale.ROOT)).toList();
        assertThat(names).contains("BOOLEAN", "SMALLINT", "INTEGER", "BIGINT", "DECIMAL", "REAL", "DOUBLE", "CHAR",
            "VARCHAR", "VARBINARY", "DATE", "TIME", "TIMESTAMP");
    }

    @Test
    void onlySerializableIsOffered() {
        for (int level : new int[] {Connection.TRANSACTION_NONE, Connection.TRANSACTION_READ_UNCOMMITTED,
            Connection.TRANSACTION_READ_COMMITTED, Connection.TRANSACTION_REPEATABLE_READ}) {
            assertThat(walk.answer("supportsTransactionIsolationLevel(" + level + ")")).as("level %d", level)
                .isEqualTo(false);
        }
    }

    @Test
    void thePrimaryKeyIsNamedAndListedAsAUniqueIndex() {
        ResultTable pk = walk.table("getPrimaryKeys");
        String name = ResultTable.string(pk.rows().get(0), "PK_NAME");
        assertThat(name).isNotBlank();
        List<Map<String, Object>> keyIndex = walk.table("getIndexInfo").where("INDEX_NAME", name);
        assertThat(keyIndex).hasSize(1);
        assertThat(ResultTable.string(keyIndex.get(0), "COLUMN_NAME")).isEqualTo("EMP_ID");
        assertThat(keyIndex.get(0).get("NON_UNIQUE")).isIn(false, 0, (short) 0, "0", "false");
        assertThat(walk.table("getBestRowIdentifier").strings("COLUMN_NAME")).containsExactly("EMP_ID");
    }

    @Test
    void openingTheViewShowsOnlyItsColumnsAndNoKeys() throws SQLException {
        DatabaseMetaData md = connection.getMetaData();
        ResultTable columns = ResultTable.read(md.getColumns(null, "PUBLIC", "MD_STAFF", "%"));
        assertThat(columns.strings("COLUMN_NAME")).containsExactly("EMP_ID", "NAME");
        assertThat(columns.strings("TABLE_NAME")).containsOnly("MD_STAFF");
        assertThat(ResultTable.read(md.getPrimaryKeys(null, "PUBLIC", "MD_STAFF")).rows()).isEmpty();
        assertThat(ResultTable.read(md.getIndexInfo(null, "PUBLIC", "MD_STAFF", false, true)).rows()).isEmpty();
        assertThat(ResultTable.read(md.getTables(null, "PUBLIC", "MD_STAFF", null)).strings("TABLE_TYPE"))
            .containsExactly("VIEW");
    }

    @Test
    void namePatternsAreJdbcLikePatternsWithTheEscape() throws SQLException {
        DatabaseMetaData md = connection.getMetaData();
        String escape = md.getSearchStringEscape();
        assertThat(ResultTable.read(md.getTables(null, "PUBLIC", "MD" + escape + "_%", null)).strings("TABLE_NAME"))
            .contains("MD_DEPARTMENTS", "MD_EMPLOYEES", "MD_STAFF");
        assertThat(ResultTable.read(md.getTables(null, "PUBLIC", "MD_E%", null)).strings("TABLE_NAME"))
            .containsExactly("MD_EMPLOYEES");
        assertThat(ResultTable.read(md.getColumns(null, "PUBLIC", "MD%", "EMP" + escape + "_ID"))
            .strings("TABLE_NAME")).containsExactlyInAnyOrder("MD_EMPLOYEES", "MD_STAFF");
        assertThat(ResultTable.read(md.getColumns(null, "PUBLIC", "MD_EMPLOYEES", "EMP%ID")).strings("COLUMN_NAME"))
            .containsExactly("EMP_ID");
        assertThat(ResultTable.read(md.getColumns(null, "PUBLIC", "md_employees", "%")).rows())
            .as("patterns are case-sensitive: names are stored upper-case").isEmpty();
        assertThat(ResultTable.read(md.getSchemas(null, "PUB%")).strings("TABLE_SCHEM")).containsExactly("PUBLIC");
    }
}
