package io.synod.sql.embedded;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Everything a program may prepare works prepared: DDL runs when executed, not when prepared,
 * and session commands describe themselves as taking no parameters.
 */
class PreparedCommandsAndDdlTest {

    private static final String URL = "jdbc:synod:mem:prepared-commands";

    @Test
    void preparedDdlChangesNothingUntilExecutedAndThenRunsOnce() throws SQLException {
        try (Connection c = DriverManager.getConnection(URL)) {
            PreparedStatement create = c.prepareStatement("CREATE TABLE pd (id INTEGER PRIMARY KEY, v VARCHAR(10))");
            assertThat(tableExists(c, "PD")).as("table after prepare only").isFalse();
            assertThat(create.getParameterMetaData().getParameterCount()).isZero();
            assertThat(create.getMetaData() == null || create.getMetaData().getColumnCount() == 0)
                    .as("DDL describes no result columns").isTrue();
            assertThat(create.executeUpdate()).isZero();
            assertThat(tableExists(c, "PD")).isTrue();
            assertThatThrownBy(create::execute)
                    .as("a second run of the same CREATE")
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).startsWith("42"));

            try (PreparedStatement insert = c.prepareStatement("INSERT INTO pd VALUES (?, ?)")) {
                insert.setInt(1, 1);
                insert.setString(2, "one");
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
            PreparedStatement addColumn = c.prepareStatement("ALTER TABLE pd ADD COLUMN w INTEGER");
            PreparedStatement drop = c.prepareStatement("DROP TABLE pd");
            assertThat(tableExists(c, "PD")).as("table after preparing its DROP").isTrue();
            addColumn.execute();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, v, w FROM pd")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(2)).isEqualTo("one");
                assertThat(rs.getObject(3)).isNull();
            }
            drop.execute();
            assertThat(tableExists(c, "PD")).isFalse();
        }
    }

    @Test
    void sessionCommandsCanBePreparedAndTakeNoParameters() throws SQLException {
        try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE pc (id INTEGER PRIMARY KEY)");
            try (PreparedStatement begin = c.prepareStatement("BEGIN");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO pc VALUES (?)");
                 PreparedStatement rollback = c.prepareStatement("ROLLBACK");
                 PreparedStatement commit = c.prepareStatement("COMMIT");
                 PreparedStatement stale = c.prepareStatement("SET CONSISTENCY = 'stale'");
                 PreparedStatement show = c.prepareStatement("SHOW CONSISTENCY")) {
                for (PreparedStatement command : new PreparedStatement[] {begin, rollback, commit, stale, show}) {
                    assertThat(command.getParameterMetaData().getParameterCount()).isZero();
                }
                assertThatThrownBy(() -> begin.setInt(1, 1)).isInstanceOf(SQLException.class);
                assertThatThrownBy(() -> begin.getParameterMetaData().getParameterType(1))
                        .isInstanceOf(SQLException.class);

                begin.execute();
                insert.setInt(1, 1);
                insert.executeUpdate();
                rollback.execute();
                begin.execute();
                insert.setInt(1, 2);
                insert.executeUpdate();
                commit.execute();
                assertThat(ids(s)).isEqualTo("2");

                stale.execute();
                assertThat(show.execute()).isTrue();
                try (ResultSet rs = show.getResultSet()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).containsIgnoringCase("stale");
                }
            }
        }
    }

    private static boolean tableExists(Connection c, String name) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        try (ResultSet rs = md.getTables(null, null, name, new String[] {"TABLE"})) {
            return rs.next();
        }
    }

    private static String ids(Statement s) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (ResultSet rs = s.executeQuery("SELECT id FROM pc ORDER BY id")) {
            while (rs.next()) {
                out.append(out.isEmpty() ? "" : ",").append(rs.getInt(1));
            }
        }
        return out.toString();
    }
}
