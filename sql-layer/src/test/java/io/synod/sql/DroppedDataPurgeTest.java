package io.synod.sql;

import io.synod.sql.encoding.KeySpace;
import io.synod.sql.kv.ByteKeys;
import io.synod.sql.kv.MemorySqlKv;
import io.synod.sql.kv.ReadConsistency;
import io.synod.sql.sys.InMemoryClusterInfo;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** A dropped table's rows and index entries leave the store in the background; other tables stay. */
class DroppedDataPurgeTest {

    private static final int ROWS = 2_345;

    @Test
    void dropTableDeletesItsRowsAndIndexEntriesButNothingElse() throws Exception {
        try (MemorySqlKv kv = new MemorySqlKv();
             SqlEngine engine = SqlEngine.create(kv, InMemoryClusterInfo.singleNode("127.0.0.1:7000"),
                     Duration.ofMillis(50));
             Connection c = engine.connect(new Properties());
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE doomed (id INTEGER PRIMARY KEY, v VARCHAR(20))");
            s.execute("CREATE INDEX doomed_v ON doomed (v)");
            s.execute("CREATE TABLE kept (id INTEGER PRIMARY KEY, v VARCHAR(20))");
            for (int from = 0; from < ROWS; from += 500) {
                StringBuilder insert = new StringBuilder("INSERT INTO doomed VALUES ");
                for (int id = from; id < Math.min(ROWS, from + 500); id++) {
                    insert.append(id == from ? "" : ", ").append('(').append(id).append(", 'v").append(id).append("')");
                }
                s.execute(insert.toString());
            }
            s.execute("INSERT INTO kept VALUES (1, 'a'), (2, 'b')");
            int dataBefore = keysUnder(kv, KeySpace.TABLE_DATA_PREFIX);
            assertThat(dataBefore).isEqualTo(ROWS * 2 + 2);

            s.execute("DROP TABLE doomed");

            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (keysUnder(kv, KeySpace.TABLE_DATA_PREFIX) > 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(keysUnder(kv, KeySpace.TABLE_DATA_PREFIX)).isEqualTo(2);
            assertThat(keysUnder(kv, KeySpace.DROPPED_PREFIX)).isZero();
            try (ResultSet rs = s.executeQuery("SELECT id, v FROM kept ORDER BY id")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(2)).isEqualTo("a");
                assertThat(rs.next()).isTrue();
                assertThat(rs.next()).isFalse();
            }
        }
    }

    private static int keysUnder(MemorySqlKv kv, byte[] prefix) {
        return kv.scan(prefix, ByteKeys.prefixEnd(prefix), Integer.MAX_VALUE, false, ReadConsistency.LINEARIZABLE)
                .entries().size();
    }
}
