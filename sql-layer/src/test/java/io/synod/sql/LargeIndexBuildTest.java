package io.synod.sql;

import io.synod.sql.catalog.IndexDef;
import io.synod.sql.catalog.TableDef;
import io.synod.sql.catalog.TableKeys;
import io.synod.sql.encoding.KeySpace;
import io.synod.sql.kv.ByteKeys;
import io.synod.sql.kv.KvEntry;
import io.synod.sql.kv.MemorySqlKv;
import io.synod.sql.kv.ReadConsistency;
import io.synod.sql.sys.InMemoryClusterInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * CREATE INDEX in autocommit mode builds over tables bigger than one commit may hold, in bounded
 * steps, while other connections keep writing; the finished index matches the rows exactly.
 */
class LargeIndexBuildTest {

    /** More index entries than one transaction may write (10,000 mutations per commit). */
    private static final int ROWS = 12_000;

    private final MemorySqlKv kv = new MemorySqlKv();
    private final SqlEngine engine = SqlEngine.create(kv, InMemoryClusterInfo.singleNode("127.0.0.1:7000"));

    @AfterEach
    void close() {
        engine.close();
        kv.close();
    }

    @Test
    void buildsAnIndexOverMoreRowsThanOneCommitHoldsAndQueriesUseIt() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            load(s, ROWS);
            s.execute("CREATE INDEX t_v ON t (v)");

            String plan = explain(s, "SELECT id FROM t WHERE v = 'v777'");
            assertThat(plan).contains("T_V");
            try (ResultSet rs = s.executeQuery("SELECT id FROM t WHERE v = 'v777' ORDER BY id")) {
                List<Integer> ids = new ArrayList<>();
                while (rs.next()) {
                    ids.add(rs.getInt(1));
                }
                assertThat(ids).containsExactly(777, 777 + 5_000, 777 + 10_000);
            }
            assertIndexMatchesRows("T", "T_V");
        }
    }

    @Test
    void uniqueIndexOverDuplicatesFailsWith23505AndLeavesNoIndex() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            load(s, ROWS);
            assertThatThrownBy(() -> s.execute("CREATE UNIQUE INDEX t_v ON t (v)"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23505"))
                    .hasMessageContaining("T_V");
            assertThat(indexNames(c)).doesNotContain("T_V");
            assertThat(engine.committedCatalog().table("PUBLIC", "T").orElseThrow().indexes()).isEmpty();

            s.execute("CREATE UNIQUE INDEX t_id2 ON t (id2)");
            assertThat(indexNames(c)).contains("T_ID2");
            assertThatThrownBy(() -> s.execute("INSERT INTO t VALUES (-1, 5, 'x')"))
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23505"));
            assertIndexMatchesRows("T", "T_ID2");
        }
    }

    @Test
    void writesDuringTheBuildAreAllIndexed() throws Exception {
        long seed = new Random().nextLong();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            load(s, ROWS);
            AtomicBoolean building = new AtomicBoolean(true);
            AtomicInteger writes = new AtomicInteger();
            List<Throwable> failures = new ArrayList<>();
            Thread writer = new Thread(() -> {
                Random random = new Random(seed);
                try (Connection w = connect(); Statement ws = w.createStatement()) {
                    while (building.get()) {
                        int id = random.nextInt(ROWS + 2_000);
                        try {
                            switch (random.nextInt(3)) {
                                case 0 -> ws.executeUpdate("UPDATE t SET v = 'w" + random.nextInt(50) + "' WHERE id = " + id);
                                case 1 -> ws.executeUpdate("DELETE FROM t WHERE id = " + id);
                                default -> ws.executeUpdate("UPSERT INTO t VALUES (" + id + ", " + (id + 1_000_000)
                                        + ", 'n" + random.nextInt(50) + "')");
                            }
                            writes.incrementAndGet();
                        } catch (SQLException e) {
                            if (!"40001".equals(e.getSQLState()) && !"23505".equals(e.getSQLState())) {
                                throw e;
                            }
                        }
                    }
                } catch (Throwable t) {
                    synchronized (failures) {
                        failures.add(t);
                    }
                }
            });
            writer.start();
            int writesBefore;
            try {
                while (writes.get() < 20 && writer.isAlive()) {
                    Thread.sleep(5);
                }
                writesBefore = writes.get();
                s.execute("CREATE INDEX t_v ON t (v)");
            } finally {
                building.set(false);
                writer.join();
            }
            assertThat(failures).as("writer failures (seed %d)", seed).isEmpty();
            assertThat(writes.get()).as("writes during the build (seed %d)", seed).isGreaterThan(writesBefore);
            assertIndexMatchesRows("T", "T_V");
        }
    }

    private Connection connect() throws SQLException {
        return engine.connect(new Properties());
    }

    private static void load(Statement s, int rows) throws SQLException {
        s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, id2 INTEGER, v VARCHAR(20))");
        for (int from = 0; from < rows; from += 1_000) {
            StringBuilder insert = new StringBuilder("INSERT INTO t VALUES ");
            for (int id = from; id < Math.min(rows, from + 1_000); id++) {
                insert.append(id == from ? "" : ", ")
                        .append('(').append(id).append(", ").append(id).append(", 'v").append(id % 5_000).append("')");
            }
            s.execute(insert.toString());
        }
    }

    private static String explain(Statement s, String sql) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
            while (rs.next()) {
                plan.append(rs.getString(1));
            }
        }
        return plan.toString();
    }

    private static List<String> indexNames(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        DatabaseMetaData md = c.getMetaData();
        try (ResultSet rs = md.getIndexInfo(null, "PUBLIC", "T", false, false)) {
            while (rs.next()) {
                names.add(rs.getString("INDEX_NAME"));
            }
        }
        return names;
    }

    /** Every row has exactly its entry in the index, and the index has no other entries. */
    private void assertIndexMatchesRows(String table, String indexName) {
        TableDef def = engine.committedCatalog().table("PUBLIC", table).orElseThrow();
        IndexDef index = def.index(indexName).orElseThrow();
        assertThat(index.building()).isFalse();
        Map<String, String> expected = new HashMap<>();
        for (KvEntry row : scan(TableKeys.rowPrefix(def))) {
            TableKeys.IndexEntry entry = TableKeys.indexEntry(def, index, def.rowCodec().decode(row.value()), row.key());
            expected.put(ByteKeys.toHex(entry.key()), ByteKeys.toHex(entry.value()));
        }
        Map<String, String> actual = new HashMap<>();
        for (KvEntry e : scan(KeySpace.indexPrefix(def.id(), index.id()))) {
            actual.put(ByteKeys.toHex(e.key()), ByteKeys.toHex(e.value()));
        }
        assertThat(actual).hasSameSizeAs(expected);
        assertThat(actual).isEqualTo(expected);
    }

    private List<KvEntry> scan(byte[] prefix) {
        List<KvEntry> all = new ArrayList<>();
        byte[] from = prefix;
        while (true) {
            var page = kv.scan(from, ByteKeys.prefixEnd(prefix), 5_000, false, ReadConsistency.LINEARIZABLE);
            all.addAll(page.entries());
            if (!page.more()) {
                return all;
            }
            from = ByteKeys.keySuccessor(page.entries().get(page.entries().size() - 1).key());
        }
    }
}
