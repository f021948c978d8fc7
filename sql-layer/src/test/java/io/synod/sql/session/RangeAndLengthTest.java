package io.synod.sql.session;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Values that do not fit: a string longer than its CHAR or VARCHAR column fails with 22001, an integer out of
 * its type's range (stored or computed) with 22003, and the failing statement leaves nothing
 * behind; SUM of INTEGER does not wrap around; CHAR comparisons ignore trailing blanks.
 */
class RangeAndLengthTest {

    private final SessionTestSupport db = new SessionTestSupport();
    private Connection connection;

    @BeforeEach
    void open() throws SQLException {
        connection = db.connect();
        update("CREATE TABLE r (id INTEGER NOT NULL, v VARCHAR(3), i INTEGER, sm SMALLINT, b BIGINT, PRIMARY KEY (id))");
        update("INSERT INTO r VALUES (10, 'ab', 2147483647, 32767, 9223372036854775807)");
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
            int n = rs.getMetaData().getColumnCount();
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getObject(i));
                }
                out.add(row.toString());
            }
            return out;
        }
    }

    private void failsWith(String state, String sql) {
        assertThatThrownBy(() -> {
            try (Statement s = connection.createStatement()) {
                if (s.execute(sql)) {
                    try (ResultSet rs = s.getResultSet()) {
                        while (rs.next()) {
                            rs.getObject(1);
                        }
                    }
                }
            }
        }).as(sql).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as(sql + ": " + e.getMessage())
                        .isEqualTo(state));
    }

    @Test
    void tooLongForVarcharIs22001AndWritesNothing() throws SQLException {
        failsWith("22001", "INSERT INTO r (id, v) VALUES (1, 'abcdef')");
        failsWith("22001", "INSERT INTO r (id, v) VALUES (2, 'ab'), (3, 'abcd')");
        failsWith("22001", "UPDATE r SET v = v || 'xy'");
        assertThat(rows("SELECT id, v FROM r")).containsExactly("10|ab");
        assertThat(update("INSERT INTO r (id, v) VALUES (4, 'abc   ')")).as("trailing blanks are cut").isEqualTo(1);
    }

    @Test
    void tooLongForCharIs22001AndWritesNothing() throws SQLException {
        update("CREATE TABLE fixed (id INTEGER NOT NULL, c CHAR(4), PRIMARY KEY (id))");
        failsWith("22001", "INSERT INTO fixed VALUES (1, 'abcde')");
        failsWith("22001", "INSERT INTO fixed (c, id) VALUES ('ab', 2), ('abcdef', 3)");
        assertThat(update("INSERT INTO fixed VALUES (4, 'abcd    '), (5, 'ab')")).isEqualTo(2);
        failsWith("22001", "UPDATE fixed SET c = 'abcdef'");
        assertThat(rows("SELECT id, c FROM fixed ORDER BY id")).containsExactly("4|abcd", "5|ab  ");
    }

    /** PAD SPACE: a CHAR(n) value compares equal to the same text with fewer or more trailing blanks. */
    @Test
    void charComparisonsIgnoreTrailingBlanks() throws SQLException {
        update("CREATE TABLE fixed (id INTEGER NOT NULL, c CHAR(4), PRIMARY KEY (id))");
        update("INSERT INTO fixed VALUES (1, 'ab'), (2, 'abcd'), (3, NULL)");
        assertThat(rows("SELECT id FROM fixed WHERE c = 'ab'")).containsExactly("1");
        assertThat(rows("SELECT id FROM fixed WHERE 'ab ' = c")).containsExactly("1");
        assertThat(rows("SELECT id FROM fixed WHERE c <> 'ab'")).containsExactly("2");
        assertThat(rows("SELECT id FROM fixed WHERE c IN ('ab', 'zz') ORDER BY id")).containsExactly("1");
        assertThat(rows("SELECT id FROM fixed WHERE c BETWEEN 'aa' AND 'ab'")).containsExactly("1");
        assertThat(rows("SELECT id, CASE WHEN c = 'ab' THEN 'y' ELSE 'n' END FROM fixed ORDER BY id"))
                .containsExactly("1|y", "2|n", "3|n");
        assertThat(rows("SELECT id FROM fixed WHERE id IN (SELECT id FROM fixed WHERE c = 'ab')"))
                .containsExactly("1");
    }

    @Test
    void integersOutOfRangeAre22003() throws SQLException {
        failsWith("22003", "INSERT INTO r (id, i) VALUES (5, 3000000000)");
        failsWith("22003", "INSERT INTO r (id, sm) VALUES (6, 40000)");
        failsWith("22003", "INSERT INTO r (id, i) VALUES (7, 2147483647 + 1)");
        failsWith("22003", "SELECT i + 1 FROM r");
        failsWith("22003", "SELECT i * 2 FROM r");
        failsWith("22003", "SELECT b + 1 FROM r");
        failsWith("22003", "UPDATE r SET i = i + 1");
        failsWith("22003", "UPDATE r SET sm = sm + 1");
        assertThat(rows("SELECT id, i, sm, b FROM r")).containsExactly("10|2147483647|32767|9223372036854775807");
    }

    @Test
    void sumOfIntegersDoesNotWrapAround() throws SQLException {
        update("INSERT INTO r (id, i, sm) VALUES (11, 2147483647, 32767)");
        assertThat(rows("SELECT SUM(i), SUM(sm) FROM r")).containsExactly("4294967294|65534");
    }
}
