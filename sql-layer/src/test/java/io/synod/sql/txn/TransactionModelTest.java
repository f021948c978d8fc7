package io.synod.sql.txn;

import io.synod.sql.kv.KvEntry;
import io.synod.sql.kv.MemorySqlKv;
import io.synod.sql.kv.Mutation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Transaction} against a simple model: a sorted map of the store overlaid with a sorted
 * map of buffered writes. Keys are single bytes 1..30 so ranges and limits collide often. Every
 * read must return what the model says, and the reads recorded must cover exactly what was
 * observed: a later outside write to a key inside an observed range fails the commit, one to a
 * key outside every observed range does not.
 */
class TransactionModelTest {

    private static final int MAX_KEY = 30;

    sealed interface Op permits Put, Delete, Get, Scan, Mark, RollbackTo, Release {
    }

    record Put(int key, int value) implements Op {
    }

    record Delete(int key) implements Op {
    }

    record Get(int key) implements Op {
    }

    /** {@code end} 0 means unbounded. */
    record Scan(int start, int end, int limit, boolean reverse) implements Op {
    }

    record Mark() implements Op {
    }

    record RollbackTo(int which) implements Op {
    }

    record Release(int which) implements Op {
    }

    private static final int CASES = 250;

    @Test
    void readsMatchTheModelAndRecordExactlyTheObservedRanges() {
        for (int seed = 0; seed < CASES; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            Map<Integer, Integer> initial = store(random);
            List<Op> ops = operations(random);
            int pageEntries = random.nextInt(5);
            int outsideWrite = 1 + random.nextInt(MAX_KEY);
            try {
                runCase(initial, ops, pageEntries, outsideWrite);
            } catch (AssertionError e) {
                throw new AssertionError("case seed " + seed + ": store " + initial + ", page " + pageEntries
                        + ", outside write " + outsideWrite + ", operations " + ops + ": " + e.getMessage(), e);
            }
        }
    }

    private static Map<Integer, Integer> store(SplittableRandom random) {
        Map<Integer, Integer> store = new TreeMap<>();
        int size = random.nextInt(21);
        for (int i = 0; i < size; i++) {
            store.put(1 + random.nextInt(MAX_KEY), random.nextInt(100));
        }
        return store;
    }

    /** Weighted like a workload: writes and scans common, savepoint moves rare. */
    private static List<Op> operations(SplittableRandom random) {
        List<Op> ops = new ArrayList<>();
        int count = random.nextInt(26);
        for (int i = 0; i < count; i++) {
            int pick = random.nextInt(17);
            int key = 1 + random.nextInt(MAX_KEY);
            if (pick < 4) {
                ops.add(new Put(key, 100 + random.nextInt(100)));
            } else if (pick < 7) {
                ops.add(new Delete(key));
            } else if (pick < 9) {
                ops.add(new Get(key));
            } else if (pick < 14) {
                ops.add(new Scan(key, random.nextInt(MAX_KEY + 2), random.nextInt(7), random.nextBoolean()));
            } else if (pick < 15) {
                ops.add(new Mark());
            } else if (pick < 16) {
                ops.add(new RollbackTo(random.nextInt(4)));
            } else {
                ops.add(new Release(random.nextInt(4)));
            }
        }
        return ops;
    }

    private static void runCase(Map<Integer, Integer> initial, List<Op> ops, int pageEntries, int outsideWrite) {
        MemorySqlKv kv = new MemorySqlKv(pageEntries);
        List<Mutation> load = new ArrayList<>();
        initial.forEach((k, v) -> load.add(Mutation.put(key(k), value(v))));
        kv.commit(List.of(), load);

        Transaction tx = new Transaction(kv);
        TreeMap<Integer, Integer> store = new TreeMap<>(initial);
        TreeMap<Integer, Optional<Integer>> buffer = new TreeMap<>();
        List<TreeMap<Integer, Optional<Integer>>> savepointModels = new ArrayList<>();
        List<Savepoint> savepoints = new ArrayList<>();
        TreeSet<Integer> observed = new TreeSet<>();

        for (Op op : ops) {
            if (op instanceof Put p) {
                tx.put(key(p.key()), value(p.value()));
                buffer.put(p.key(), Optional.of(p.value()));
            } else if (op instanceof Delete d) {
                tx.delete(key(d.key()));
                buffer.put(d.key(), Optional.empty());
            } else if (op instanceof Get g) {
                Optional<Integer> expected = buffer.containsKey(g.key()) ? buffer.get(g.key())
                        : Optional.ofNullable(store.get(g.key()));
                if (!buffer.containsKey(g.key())) {
                    observed.add(g.key());
                }
                assertThat(tx.get(key(g.key())).map(v -> v[0] & 0xFF)).isEqualTo(expected);
            } else if (op instanceof Scan s) {
                checkScan(tx, s, store, buffer, observed);
            } else if (op instanceof Mark) {
                savepoints.add(tx.mark());
                savepointModels.add(new TreeMap<>(buffer));
            } else if (op instanceof RollbackTo r && !savepoints.isEmpty()) {
                int i = r.which() % savepoints.size();
                tx.rollbackTo(savepoints.get(i));
                buffer = new TreeMap<>(savepointModels.get(i));
                savepoints.subList(i + 1, savepoints.size()).clear();
                savepointModels.subList(i + 1, savepointModels.size()).clear();
            } else if (op instanceof Release r && !savepoints.isEmpty()) {
                int i = r.which() % savepoints.size();
                tx.release(savepoints.get(i));
                savepoints.subList(i, savepoints.size()).clear();
                savepointModels.subList(i, savepointModels.size()).clear();
            }
        }

        // A write of its own makes the commit validate every recorded read.
        tx.put(new byte[] {(byte) 200}, value(1));
        buffer.put(200, Optional.of(1));
        kv.commit(List.of(), List.of(Mutation.put(key(outsideWrite), value(77))));
        boolean shouldConflict = observed.contains(outsideWrite);
        store.put(outsideWrite, 77);
        try {
            tx.commit();
            assertThat(shouldConflict).as("commit after a write to observed key %d (observed %s)",
                    outsideWrite, observed).isFalse();
            buffer.forEach((k, v) -> v.ifPresentOrElse(x -> store.put(k, x), () -> store.remove(k)));
        } catch (TransactionConflictException e) {
            assertThat(shouldConflict).as("conflict after a write to unobserved key %d (observed %s): %s",
                    outsideWrite, observed, e.failedCondition()).isTrue();
        }
        List<KvEntry> all = new Transaction(kv).scan(new byte[] {0}, null, 0, false);
        assertThat(all.stream().map(e -> (int) e.key()[0] & 0xFF).toList()).isEqualTo(List.copyOf(store.keySet()));
        assertThat(all.stream().map(e -> (int) e.value()[0] & 0xFF).toList()).isEqualTo(List.copyOf(store.values()));
    }

    private static void checkScan(Transaction tx, Scan s, TreeMap<Integer, Integer> store,
                                  TreeMap<Integer, Optional<Integer>> buffer, TreeSet<Integer> observed) {
        int end = s.end() == 0 ? Integer.MAX_VALUE : s.end();
        TreeMap<Integer, Integer> merged = new TreeMap<>(store);
        buffer.forEach((k, v) -> v.ifPresentOrElse(x -> merged.put(k, x), () -> merged.remove(k)));
        NavigableMap<Integer, Integer> range = s.start() < end ? merged.subMap(s.start(), true, end, false)
                : new TreeMap<>();
        List<Map.Entry<Integer, Integer>> expected = new ArrayList<>((s.reverse() ? range.descendingMap() : range).entrySet());
        boolean limited = s.limit() > 0 && expected.size() >= s.limit();
        if (limited) {
            expected = expected.subList(0, s.limit());
        }
        List<KvEntry> actual = tx.scan(key(s.start()), s.end() == 0 ? null : key(s.end()), s.limit(), s.reverse());
        assertThat(actual.stream().map(e -> List.of(e.key()[0] & 0xFF, e.value()[0] & 0xFF)).toList())
                .as("scan %s", s)
                .isEqualTo(expected.stream().map(e -> List.of(e.getKey(), e.getValue())).toList());
        if (s.start() >= end) {
            return;
        }
        int last = limited ? expected.get(expected.size() - 1).getKey() : -1;
        int from = limited && s.reverse() ? last : s.start();
        int to = limited && !s.reverse() ? last + 1 : Math.min(end, MAX_KEY + 1);
        for (int k = from; k < to; k++) {
            observed.add(k);
        }
    }

    private static byte[] key(int k) {
        return new byte[] {(byte) k};
    }

    private static byte[] value(int v) {
        return new byte[] {(byte) v};
    }
}
