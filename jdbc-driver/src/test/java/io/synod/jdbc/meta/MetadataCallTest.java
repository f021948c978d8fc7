package io.synod.jdbc.meta;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetadataCallTest {

    @Test
    void everyKindOfArgumentSurvivesTheRoundTrip() throws SQLException {
        String sql = MetadataCall.sql("getUDTs", null, "it's \"odd\", (really)", true, -7, new int[] {2002, 2003});
        MetadataCall call = MetadataCall.parse(sql).orElseThrow();
        assertThat(call.method()).isEqualTo("getUDTs");
        assertThat(call.args()).hasSize(5);
        assertThat(call.args().subList(0, 4)).containsExactly(null, "it's \"odd\", (really)", true, -7);
        assertThat((int[]) call.args().get(4)).containsExactly(2002, 2003);
        assertThat(MetadataCall.parse(MetadataCall.sql("getIndexInfo", "", false, new int[0])).orElseThrow().args())
                .satisfies(args -> {
                    assertThat(args.get(0)).isEqualTo("");
                    assertThat(args.get(1)).isEqualTo(false);
                    assertThat((int[]) args.get(2)).isEmpty();
                });
    }

    @Test
    void otherStatementsAreNotMetadataCalls() throws SQLException {
        for (String sql : List.of("SELECT 1", "CALL other.proc('x')", "call sysx.metadata('getTables')",
                "SELECT 'CALL SYS.METADATA(''getTables'')'")) {
            assertThat(MetadataCall.parse(sql)).as(sql).isEqualTo(Optional.empty());
        }
        assertThat(MetadataCall.parse(" call  sys . metadata ( 'getCatalogs' ) ; ")).isPresent();
    }

    @Test
    void malformedCallsAreSyntaxErrors() {
        for (String sql : List.of("CALL SYS.METADATA('getTables', 'x)", "CALL SYS.METADATA('a' 'b')",
                "CALL SYS.METADATA('a', maybe)", "CALL SYS.METADATA('a', ARRAY[1,)", "CALL SYS.METADATA('a', 99999999999)")) {
            assertThatThrownBy(() -> MetadataCall.parse(sql)).as(sql).isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42601");
        }
        assertThatThrownBy(() -> MetadataCall.parse("CALL SYS.METADATA(NULL)")).isInstanceOf(SQLException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42000");
    }

    @Test
    void onlyResultSetMethodsWithMatchingArgumentsAreCalled() throws SQLException {
        MetadataCall notAMethod = MetadataCall.parse("CALL SYS.METADATA('getDatabaseProductName')").orElseThrow();
        assertThatThrownBy(() -> notAMethod.invoke(null)).isInstanceOf(SQLException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42883");
        MetadataCall wrongType = MetadataCall.parse("CALL SYS.METADATA('getPrimaryKeys', NULL, 1, 'T')").orElseThrow();
        assertThatThrownBy(() -> wrongType.invoke(null)).isInstanceOf(SQLException.class)
                .hasMessageContaining("argument 2").extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42804");
        assertThat(MetadataCall.parse("CALL SYS.METADATA('getTypeInfo')").orElseThrow().args()).isEmpty();
    }
}
