package io.synod.sqltest;

import io.synod.sqltest.metadata.MetadataWalk;
import io.synod.sqltest.metadata.ResultTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a SQL client such as DBeaver needs from DatabaseMetaData, asserted over a known schema.
 * Subclasses bind it to a database and add what only that database promises.
 */
abstract class MetadataWalkContract {

    /** The known schema, created before each walk (names prefixed so they clash with nothing). */
    static final List<String> SCHEMA = List.of(
        "CREATE TABLE md_departments (dept_id INTEGER NOT NULL, name VARCHAR(30) NOT NULL, budget DECIMAL(12,2), "
            + "PRIMARY KEY (dept_id))",
        "CREATE TABLE md_employees (emp_id INTEGER NOT NULL, dept_id INTEGER, name VARCHAR(40) NOT NULL, "
            + "salary DOUBLE DEFAULT 0, PRIMARY KEY (emp_id))",
        "CREATE INDEX md_employees_dept ON md_employees (dept_id)",
        "CREATE VIEW md_staff AS SELECT emp_id, name FROM md_employees",
        "INSERT INTO md_departments VALUES (1, 'core', 100.50), (2, 'edge', NULL)",
        "INSERT INTO md_employees VALUES (1, 1, 'ann', 10.5), (2, NULL, 'bob', NULL), (3, 2, 'cy', 7)");

    static final List<String> DROP = List.of(
        "DROP VIEW IF EXISTS md_staff", "DROP TABLE IF EXISTS md_employees", "DROP TABLE IF EXISTS md_departments");

    protected Connection connection;
    protected MetadataWalk walk;

    /** A new connection to the database under test. */
    abstract Connection connect() throws SQLException;

    /** The schema the known tables live in, as the database names it; null if it has none. */
    abstract String schema();

    /** An unquoted identifier as the database stores it (upper-cased in standard SQL). */
    abstract String stored(String identifier);

    /**
     * Calls this database's driver is known to refuse. Only the reference may have any: the
     * walk runs on SQLite to prove itself, and sqlite-jdbc has gaps DBeaver works around.
     */
    Set<String> knownGaps() {
        return Set.of();
    }

    @BeforeEach
    void createSchemaAndWalk() throws SQLException {
        connection = connect();
        try (Statement s = connection.createStatement()) {
            for (String sql : DROP) {
                s.execute(sql);
            }
            for (String sql : SCHEMA) {
                s.execute(sql);
            }
        }
        walk = MetadataWalk.walk(connection, schema(), stored("md_employees"));
    }

    @AfterEach
    void dropSchema() throws SQLException {
        if (connection != null) {
            try (Statement s = connection.createStatement()) {
                for (String sql : DROP) {
                    s.execute(sql);
                }
            } finally {
                connection.close();
            }
        }
    }

    @Test
    void noQuestionIsRefusedAsUnsupported() {
        List<MetadataWalk.Failure> failures = walk.failures().stream()
            .filter(f -> !knownGaps().contains(f.call())).toList();
        assertThat(failures).as("a client gives up on SQLFeatureNotSupportedException")
            .noneMatch(f -> f.exception() instanceof SQLFeatureNotSupportedException);
        assertThat(failures).as("calls that failed").isEmpty();
    }

    @Test
    void productDriverAndIdentifierRules() {
        assertThat((String) walk.answer("getDatabaseProductName")).isNotBlank();
        assertThat((String) walk.answer("getDatabaseProductVersion")).isNotBlank();
        assertThat((String) walk.answer("getDriverName")).isNotBlank();
        assertThat((String) walk.answer("getDriverVersion")).isNotBlank();
        assertThat(walk.answer("getIdentifierQuoteString")).isEqualTo("\"");
        assertThat(walk.answer("isReadOnly")).isEqualTo(false);
        assertThat(walk.answer("connection.isReadOnly")).isEqualTo(false);
        assertThat(walk.answer("connection.getAutoCommit")).isEqualTo(true);
        assertThat(walk.answer("connection.isValid")).isEqualTo(true);
    }

    @Test
    void transactionAnswersAreConsistent() {
        int isolation = (Integer) walk.answer("getDefaultTransactionIsolation");
        assertThat(walk.answer("supportsTransactions")).isEqualTo(true);
        assertThat(walk.answer("supportsTransactionIsolationLevel(" + isolation + ")"))
            .as("the default isolation level %d is supported", isolation).isEqualTo(true);
        int current = (Integer) walk.answer("connection.getTransactionIsolation");
        assertThat(walk.answer("supportsTransactionIsolationLevel(" + current + ")")).isEqualTo(true);
    }

    @Test
    void tableTypesAndTables() {
        assertThat(walk.table("getTableTypes").strings("TABLE_TYPE")).contains("TABLE", "VIEW");
        ResultTable tables = walk.table("getTables");
        assertThat(tables.labels()).startsWith("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE", "REMARKS");
        assertThat(type(tables, "md_departments")).isEqualTo("TABLE");
        assertThat(type(tables, "md_employees")).isEqualTo("TABLE");
        assertThat(type(tables, "md_staff")).isEqualTo("VIEW");
        ResultTable filtered = walk.table("getTables(TABLE,VIEW)");
        assertThat(filtered.strings("TABLE_TYPE")).containsOnly("TABLE", "VIEW");
        assertThat(walk.table("getTables(all schemas)").where("TABLE_NAME", stored("md_employees"))).hasSize(1);
    }

    private String type(ResultTable tables, String name) {
        List<Map<String, Object>> rows = tables.where("TABLE_NAME", stored(name));
        assertThat(rows).as("getTables row for %s", name).hasSize(1);
        assertThat(ResultTable.string(rows.get(0), "TABLE_NAME")).isEqualTo(stored(name));
        return ResultTable.string(rows.get(0), "TABLE_TYPE");
    }

    @Test
    void columnsOfTheOpenedTable() {
        ResultTable columns = walk.table("getColumns");
        assertThat(columns.labels()).startsWith("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "DATA_TYPE",
            "TYPE_NAME", "COLUMN_SIZE", "BUFFER_LENGTH", "DECIMAL_DIGITS", "NUM_PREC_RADIX", "NULLABLE", "REMARKS",
            "COLUMN_DEF", "SQL_DATA_TYPE", "SQL_DATETIME_SUB", "CHAR_OCTET_LENGTH", "ORDINAL_POSITION", "IS_NULLABLE");
        assertThat(columns.strings("COLUMN_NAME"))
            .containsExactly(stored("emp_id"), stored("dept_id"), stored("name"), stored("salary"));
        assertThat(columns.rows()).extracting(r -> ResultTable.integer(r, "ORDINAL_POSITION")).containsExactly(1, 2, 3, 4);
        assertThat(columns.rows()).extracting(r -> ResultTable.integer(r, "NULLABLE")).containsExactly(
            DatabaseMetaData.columnNoNulls, DatabaseMetaData.columnNullable, DatabaseMetaData.columnNoNulls,
            DatabaseMetaData.columnNullable);
        assertThat(columns.strings("IS_NULLABLE")).containsExactly("NO", "YES", "NO", "YES");
        List<Integer> types = columns.rows().stream().map(r -> ResultTable.integer(r, "DATA_TYPE")).toList();
        assertThat(types.get(0)).isEqualTo(Types.INTEGER);
        assertThat(types.get(1)).isEqualTo(Types.INTEGER);
        assertThat(types.get(2)).isEqualTo(Types.VARCHAR);
        assertThat(types.get(3)).isIn(Types.DOUBLE, Types.FLOAT, Types.REAL);
        assertThat(ResultTable.integer(columns.rows().get(2), "COLUMN_SIZE")).isEqualTo(40);
        assertThat(ResultTable.string(columns.rows().get(3), "COLUMN_DEF")).isEqualTo("0");
    }

    @Test
    void keysAndIndexesOfTheOpenedTable() {
        ResultTable pk = walk.table("getPrimaryKeys");
        assertThat(pk.labels()).startsWith("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ", "PK_NAME");
        assertThat(pk.strings("COLUMN_NAME")).containsExactly(stored("emp_id"));
        assertThat(ResultTable.integer(pk.rows().get(0), "KEY_SEQ")).isEqualTo(1);

        ResultTable indexes = walk.table("getIndexInfo");
        assertThat(indexes.labels()).startsWith("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "NON_UNIQUE",
            "INDEX_QUALIFIER", "INDEX_NAME", "TYPE", "ORDINAL_POSITION", "COLUMN_NAME");
        List<Map<String, Object>> byDept = indexes.where("INDEX_NAME", stored("md_employees_dept"));
        assertThat(byDept).as("index md_employees_dept in %s", indexes.rows()).hasSize(1);
        assertThat(ResultTable.string(byDept.get(0), "COLUMN_NAME")).isEqualTo(stored("dept_id"));
        assertThat(byDept.get(0).get("NON_UNIQUE")).isIn(true, 1, (short) 1, 1L, "1", "true");

        for (String call : List.of("getImportedKeys", "getExportedKeys")) {
            assertThat(walk.table(call).labels()).as(call).startsWith("PKTABLE_CAT", "PKTABLE_SCHEM", "PKTABLE_NAME",
                "PKCOLUMN_NAME", "FKTABLE_CAT", "FKTABLE_SCHEM", "FKTABLE_NAME", "FKCOLUMN_NAME", "KEY_SEQ");
            assertThat(walk.table(call).rows()).as("the schema has no foreign keys").isEmpty();
        }
    }

    @Test
    void typeInfoAndCatalogQuestionsAnswer() {
        ResultTable types = walk.table("getTypeInfo");
        assertThat(types.labels()).startsWith("TYPE_NAME", "DATA_TYPE", "PRECISION");
        assertThat(types.rows()).isNotEmpty();
        assertThat(walk.table("getCatalogs").labels()).contains("TABLE_CAT");
        assertThat(walk.table("getSchemas").labels()).startsWith("TABLE_SCHEM", "TABLE_CATALOG");
        if (!knownGaps().contains("getFunctions")) {
            assertThat(walk.table("getFunctions").labels()).startsWith("FUNCTION_CAT", "FUNCTION_SCHEM", "FUNCTION_NAME");
        }
        assertThat(walk.table("getProcedures").labels()).startsWith("PROCEDURE_CAT", "PROCEDURE_SCHEM", "PROCEDURE_NAME");
    }

    @Test
    void dataTabOfTheOpenedTable() {
        MetadataWalk.DataAnswer data = (MetadataWalk.DataAnswer) walk.answer("data");
        assertThat(data.rows()).isEqualTo(3);
        assertThat(walk.answer("rowCount")).isEqualTo(3L);
        assertThat(data.columns()).extracting(c -> c.label().toUpperCase())
            .containsExactly("EMP_ID", "DEPT_ID", "NAME", "SALARY");
        assertThat(data.columns()).extracting(MetadataWalk.DataColumn::type).startsWith(Types.INTEGER, Types.INTEGER);
        assertThat(data.columns().get(2).type()).isEqualTo(Types.VARCHAR);
    }
}
