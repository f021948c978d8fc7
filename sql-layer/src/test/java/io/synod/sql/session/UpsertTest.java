package io.synod.sql.session;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** UPSERT INTO inserts, or replaces the row of the same primary key; MERGE keeps its own semantics. */
class UpsertTest {

    private final SessionTestSupport db = new SessionTestSupport();
    private Connection connection;

    @BeforeEach
    void open() throws SQLException {
        connection = db.connect();
        update("CREATE TABLE kv (k INTEGER NOT NULL, v VARCHAR(10), n INTEGER DEFAULT 7, PRIMARY KEY (k))");
        update("CREATE UNIQUE INDEX kv_v ON kv (v)");
        update("INSERT INTO kv VALUES (1, 'a', 1), (2, 'b', 2)");
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
        db.close();
    }

    private int update(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            return s.executeUpdate(sql);
        }
    }

    private List<String> rows(String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getInt(1) + ":" + rs.getString(2) + ":" + rs.getObject(3));
            }
            return out;
        }
    }

    @Test
    void replacesTheRowOfAnExistingKeyAndInsertsNewKeys() throws SQLException {
        assertThat(update("UPSERT INTO kv VALUES (1, 'x', 10)")).isEqualTo(1);
        assertThat(update("UPSERT INTO kv VALUES (3, 'c', 3)")).isEqualTo(1);
        assertThat(rows("SELECT k, v, n FROM kv ORDER BY k")).containsExactly("1:x:10", "2:b:2", "3:c:3");
        // The replaced row's index entry went with it.
        assertThat(rows("SELECT k, v, n FROM kv WHERE v = 'a'")).isEmpty();
        assertThat(rows("SELECT k, v, n FROM kv WHERE v = 'x'")).containsExactly("1:x:10");
    }

    @Test
    void columnsNotNamedTakeTheirDefaultsAndTheLaterOfTwoRowsWins() throws SQLException {
        update("UPSERT INTO kv (k, v) VALUES (2, 'bb')");
        update("UPSERT INTO kv VALUES (4, 'c', 3), (4, 'd', 4)");
        assertThat(rows("SELECT k, v, n FROM kv ORDER BY k")).containsExactly("1:a:1", "2:bb:7", "4:d:4");
    }

    @Test
    void preparedUpsert() throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("UPSERT INTO kv VALUES (?, ?, ?)")) {
            p.setInt(1, 2);
            p.setString(2, "p");
            p.setInt(3, 20);
            assertThat(p.executeUpdate()).isEqualTo(1);
        }
        assertThat(rows("SELECT k, v, n FROM kv ORDER BY k")).containsExactly("1:a:1", "2:p:20");
    }

    @Test
    void aUniqueIndexOfAnotherRowStillRejectsIt() throws SQLException {
        assertThatThrownBy(() -> update("UPSERT INTO kv VALUES (1, 'b', 0)"))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23505"));
        assertThat(rows("SELECT k, v, n FROM kv ORDER BY k")).containsExactly("1:a:1", "2:b:2");
    }

    @Test
    void insertStillRejectsAnExistingKeyAndMergeStillMerges() throws SQLException {
        assertThatThrownBy(() -> update("INSERT INTO kv VALUES (1, 'z', 0)"))
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23505"));
        assertThat(update("MERGE INTO kv t USING (VALUES (1, 'm'), (5, 'e')) s(k, v) ON t.k = s.k"
                + " WHEN MATCHED THEN UPDATE SET v = s.v WHEN NOT MATCHED THEN INSERT (k, v) VALUES (s.k, s.v)"))
                .isEqualTo(2);
        assertThat(rows("SELECT k, v, n FROM kv ORDER BY k")).containsExactly("1:m:1", "2:b:2", "5:e:7");
    }
}
