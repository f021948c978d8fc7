package io.synod.kv.statemachine.store;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SqliteStateStoreTest extends StateStoreContractTest {

    @Override
    StateStore open(Path dir) {
        return SqliteStateStore.open(file(dir));
    }

    private static Path file(Path dir) {
        return dir.resolveSibling(dir.getFileName() + ".sqlite");
    }

    @Override
    boolean durable() {
        return true;
    }

    /** A transaction compare must cost its range, not the table: SQLite searches the primary key. */
    @Test
    void rangeSummariesSearchThePrimaryKey() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file(dir.resolve("main")));
             Statement s = c.createStatement()) {
            for (boolean bounded : new boolean[] {false, true}) {
                List<String> plan = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("EXPLAIN QUERY PLAN "
                        + SqliteStateStore.summarySql(bounded).replace("?", "x'61'"))) {
                    while (rs.next()) {
                        plan.add(rs.getString("detail"));
                    }
                }
                assertThat(plan).as("plan of the %s summary", bounded ? "bounded" : "open-ended")
                        .singleElement().asString().startsWith("SEARCH records USING PRIMARY KEY (key>");
            }
        }
    }
}
