package io.synod.sql.session;

import io.synod.sql.SqlStateException;
import io.synod.sql.kv.RangeCondition;
import io.synod.sql.kv.SqlKvUnavailableException;
import io.synod.sql.txn.TransactionConflictException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SqlErrorsTest {

    private final SessionTestSupport db = new SessionTestSupport();

    @AfterEach
    void close() {
        db.close();
    }

    private SQLException failure(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            SQLException e = catchThrowableOfType(SQLException.class, () -> {
                try (ResultSet rs = s.executeQuery(sql)) {
                    while (rs.next()) {
                        rs.getObject(1);
                    }
                }
            });
            assertThat((Throwable) e).as(sql).isNotNull();
            assertThat(e.getMessage()).as("one short line without Java names: " + e.getMessage())
                    .doesNotContain("\n").doesNotContain("Exception").doesNotContain("Error while")
                    .doesNotContain("org.apache");
            assertThat(e.getCause()).as("cause attached").isNotNull();
            return e;
        }
    }

    @Test
    void syntaxErrorSaysWhere() throws SQLException {
        SQLException e = failure("select from from sys.nodes");
        assertThat((Throwable) e).isInstanceOf(SQLSyntaxErrorException.class);
        assertThat(e.getSQLState()).isEqualTo("42601");
        assertThat(e.getMessage()).contains("line 1, column 8").contains("\"from\"");
    }

    @Test
    void unknownTableColumnAndFunctionAreNamedWithPosition() throws SQLException {
        SQLException table = failure("select * from sys.nosuch");
        assertThat(table.getSQLState()).isEqualTo("42S02");
        assertThat(table.getMessage()).contains("NOSUCH").contains("line 1, column 15");

        SQLException column = failure("select nocol from sys.nodes");
        assertThat(column.getSQLState()).isEqualTo("42703");
        assertThat(column.getMessage()).contains("NOCOL").contains("line 1, column 8");

        SQLException function = failure("select nofn(node_id) from sys.nodes");
        assertThat(function.getSQLState()).isEqualTo("42883");
        assertThat(function.getMessage()).contains("NOFN").contains("line 1, column 8");
    }

    @Test
    void dataErrors() throws SQLException {
        assertThat(failure("select 1/0").getSQLState()).isEqualTo("22012");
        assertThat(failure("select node_id / 0 from sys.nodes").getSQLState()).isEqualTo("22012");
        assertThat(failure("select cast(300 as tinyint)").getSQLState()).isEqualTo("22003");
        assertThat(failure("select cast(12345.678 as decimal(4,1))").getSQLState()).isEqualTo("22003");
        SQLException cast = failure("select cast(address as integer) from sys.nodes");
        assertThat((Throwable) cast).isInstanceOf(SQLDataException.class);
        assertThat(cast.getSQLState()).isEqualTo("22018");
        assertThat(cast.getMessage()).contains("127.0.0.1:7000");
        assertThat(failure("select cast('2020-13-45' as date)").getSQLState()).isEqualTo("22007");
    }

    @Test
    void errorsOfTheLayersBelowKeepTheirState() {
        SQLException conflict = SqlErrors.translate(new RuntimeException("wrapped",
                new TransactionConflictException(new RangeCondition(new byte[] {1}, new byte[] {2}, 0, 5))));
        assertThat((Throwable) conflict).isInstanceOf(SQLTransactionRollbackException.class);
        assertThat(conflict.getSQLState()).isEqualTo("40001");

        SQLException down = SqlErrors.translate(new SqlKvUnavailableException("no node answered", null));
        assertThat((Throwable) down).isInstanceOf(SQLTransientConnectionException.class);
        assertThat(down.getSQLState()).isEqualTo("08006");

        assertThat(SqlErrors.translate(new SqlStateException("23505", "duplicate key in T.PK")).getSQLState())
                .isEqualTo("23505");
        assertThat(SqlErrors.translate(new SqlStateException("22001", "value too long for VARCHAR(3)"))
                .getSQLState()).isEqualTo("22001");
        assertThat(SqlErrors.translate(new UnsupportedOperationException("MERGE")).getSQLState()).isEqualTo("0A000");
    }

    @Test
    void internalErrorsSayWhatFailedNeverNoDetail() {
        IllegalStateException unableToImplement = new IllegalStateException("Unable to implement SynodTableModify");
        unableToImplement.addSuppressed(new IllegalArgumentException());
        SQLException planner = SqlErrors.translate(new RuntimeException(unableToImplement));
        assertThat(planner.getSQLState()).isEqualTo("XX000");
        assertThat(planner.getMessage()).contains("Unable to implement SynodTableModify")
                .contains("IllegalArgumentException at SqlErrorsTest.internalErrorsSayWhatFailedNeverNoDetail");

        SQLException bare = SqlErrors.translate(new IllegalArgumentException());
        assertThat(bare.getMessage()).doesNotContain("no detail")
                .startsWith("internal error: IllegalArgumentException at SqlErrorsTest.");
        assertThat(SqlErrors.translate(new RuntimeException(new IllegalStateException("broken index")))
                .getMessage()).isEqualTo("internal error: broken index");
    }

    @Test
    void unsupportedFeatures() throws SQLException {
        try (Connection c = db.connect()) {
            assertThatThrownBy(() -> c.prepareCall("{call p()}"))
                    .isInstanceOf(java.sql.SQLFeatureNotSupportedException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("0A000");
        }
    }

    @Test
    void useAfterCloseIs08003() throws SQLException {
        Connection c = db.connect();
        Statement s = c.createStatement();
        c.close();
        assertThatThrownBy(c::createStatement).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08003");
        assertThatThrownBy(() -> s.executeQuery("select 1")).isInstanceOf(SQLException.class);
        assertThat(s.isClosed()).isTrue();
        assertThat(c.isValid(1)).isFalse();
    }
}
