package io.synod.sql.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * jdbc:synod:mem: and jdbc:synod:file: run a single-node cluster, the SQL engine and its gateway
 * in this JVM, reached through the same driver path as a remote cluster.
 */
class EmbeddedDatabaseTest {

    @Test
    void memoryDatabaseAnswersThroughTheDriverWithTheEnginesErrors() throws SQLException {
        String url = "jdbc:synod:mem:shared";
        try (Connection a = DriverManager.getConnection(url);
             Connection b = DriverManager.getConnection(url);
             Statement sa = a.createStatement();
             Statement sb = b.createStatement()) {
            assertThat(a.getMetaData().getDatabaseProductName()).isEqualTo("Synod");
            // Both connections reach the same one-node cluster.
            assertThat(single(sa, "SELECT COUNT(*) FROM sys.nodes")).isEqualTo("1");
            assertThat(single(sb, "SELECT COUNT(*) FROM sys.nodes")).isEqualTo("1");
            // The engine's SQLState and message reach the application as the engine wrote them.
            assertThatThrownBy(() -> sb.executeQuery("SELEC 1"))
                    .isInstanceOf(SQLSyntaxErrorException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42601"))
                    .hasMessageStartingWith("syntax error:")
                    .hasMessageNotContaining("Remote driver error");
        }
    }

    @Test
    void fileDatabaseIsReleasedOnCloseAndReopens(@TempDir Path dir) throws SQLException {
        Path db = dir.resolve("db");
        String url = "jdbc:synod:file:" + db;
        try (Connection c = DriverManager.getConnection(url);
             Statement s = c.createStatement()) {
            assertThat(single(s, "SELECT COUNT(*) FROM sys.nodes")).isEqualTo("1");
        }
        assertThat(Files.isDirectory(db)).isTrue();
        // The last connection closed the node, so the directory (and its locks) can be opened again.
        try (Connection c = DriverManager.getConnection(url);
             Statement s = c.createStatement()) {
            assertThat(single(s, "SELECT COUNT(*) FROM sys.nodes")).isEqualTo("1");
        }
    }

    /** sys.log on a real node reads the leader's log through the admin API: summaries, newest first. */
    @Test
    void sysLogShowsTheNodesRecentEntries() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:synod:mem:");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE logged (k INTEGER NOT NULL, PRIMARY KEY (k))");
            s.execute("INSERT INTO logged VALUES (1), (2)");
            List<Long> indexes = new ArrayList<>();
            List<String> kinds = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT group_id, log_index, term, kind, size_bytes FROM sys.log")) {
                while (rs.next()) {
                    assertThat(rs.getLong("GROUP_ID")).isEqualTo(1);
                    assertThat(rs.getLong("TERM")).isPositive();
                    assertThat(rs.getInt("SIZE_BYTES")).isNotNegative();
                    indexes.add(rs.getLong("LOG_INDEX"));
                    kinds.add(rs.getString("KIND"));
                }
            }
            assertThat(indexes).isNotEmpty().isSortedAccordingTo(java.util.Comparator.reverseOrder());
            assertThat(indexes.get(indexes.size() - 1)).isEqualTo(1);
            assertThat(kinds.get(0)).as("the INSERT's commit is the newest entry").isEqualTo("TXN");
            assertThat(kinds).contains("NOOP").doesNotContain("UNKNOWN");
        }
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
