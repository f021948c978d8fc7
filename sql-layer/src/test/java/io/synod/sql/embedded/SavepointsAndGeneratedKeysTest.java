package io.synod.sql.embedded;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Savepoint;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JDBC savepoints work through the driver; asking for generated keys fails clearly (0A000). */
class SavepointsAndGeneratedKeysTest {

    private static final String URL = "jdbc:synod:mem:savepoints";

    @Test
    void savepointsUndoOnlyWhatCameAfterThem() throws SQLException {
        try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE sp (id INTEGER PRIMARY KEY)");
            assertThatThrownBy(c::setSavepoint)
                    .as("a savepoint needs a transaction")
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isNotNull());

            c.setAutoCommit(false);
            s.executeUpdate("INSERT INTO sp VALUES (1)");
            Savepoint unnamed = c.setSavepoint();
            s.executeUpdate("INSERT INTO sp VALUES (2)");
            Savepoint named = c.setSavepoint("after two");
            s.executeUpdate("INSERT INTO sp VALUES (3)");
            c.rollback(named);
            s.executeUpdate("INSERT INTO sp VALUES (4)");
            c.rollback(unnamed);
            s.executeUpdate("INSERT INTO sp VALUES (5)");
            Savepoint released = c.setSavepoint();
            c.releaseSavepoint(released);
            c.commit();
            c.setAutoCommit(true);

            assertThat(ids(s)).isEqualTo("1,5");
            assertThat(unnamed.getSavepointId()).isPositive();
            assertThatThrownBy(unnamed::getSavepointName).isInstanceOf(SQLException.class);
            assertThat(named.getSavepointName()).isEqualTo("after two");
            assertThatThrownBy(named::getSavepointId).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void generatedKeysAreRefusedWith0A000AndNotAskingForThemWorks() throws SQLException {
        try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE gk (id INTEGER PRIMARY KEY)");
            assertThat(s.executeUpdate("INSERT INTO gk VALUES (1)", Statement.NO_GENERATED_KEYS)).isEqualTo(1);
            assertThat(s.execute("INSERT INTO gk VALUES (2)", Statement.NO_GENERATED_KEYS)).isFalse();
            try (PreparedStatement p = c.prepareStatement("INSERT INTO gk VALUES (?)", Statement.NO_GENERATED_KEYS)) {
                p.setInt(1, 3);
                assertThat(p.executeUpdate()).isEqualTo(1);
                assertRefused(p::getGeneratedKeys);
            }
            assertRefused(() -> s.executeUpdate("INSERT INTO gk VALUES (4)", Statement.RETURN_GENERATED_KEYS));
            assertRefused(() -> s.executeUpdate("INSERT INTO gk VALUES (4)", new String[] {"ID"}));
            assertRefused(() -> c.prepareStatement("INSERT INTO gk VALUES (4)", Statement.RETURN_GENERATED_KEYS));
            assertRefused(s::getGeneratedKeys);
            assertThat(c.getMetaData().supportsGetGeneratedKeys()).isFalse();
            assertThat(ids(s, "gk")).isEqualTo("1,2,3");
        }
    }

    private interface Call {
        Object run() throws SQLException;
    }

    private static void assertRefused(Call call) {
        assertThatThrownBy(call::run)
                .isInstanceOf(SQLFeatureNotSupportedException.class)
                .hasMessageContaining("generated keys")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("0A000"));
    }

    private static String ids(Statement s) throws SQLException {
        return ids(s, "sp");
    }

    private static String ids(Statement s, String table) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (ResultSet rs = s.executeQuery("SELECT id FROM " + table + " ORDER BY id")) {
            while (rs.next()) {
                out.append(out.length() == 0 ? "" : ",").append(rs.getInt(1));
            }
        }
        return out.toString();
    }
}
