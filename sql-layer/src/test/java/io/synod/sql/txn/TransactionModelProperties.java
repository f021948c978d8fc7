package io.synod.sql.txn;

import io.synod.sql.kv.KvEntry;
import io.synod.sql.kv.MemorySqlKv;
import io.synod.sql.kv.Mutation;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
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
class TransactionModelProperties {

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

    @Provide
    Arbitrary<Map<Integer, Integer>> stores() {
        return Arbitraries.maps(Arbitraries.integers().between(1, MAX_KEY), Arbitraries.integers().between(0, 99))
                .ofMaxSize(20);
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Integer> key = Arbitraries.integers().between(1, MAX_KEY);
        Arbitrary<Op> op = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Combinators.combine(key, Arbitraries.integers().between(100, 199)).as(Put::new)),
                net.jqwik.api.Tuple.of(3, key.map(Delete::new)),
                net.jqwik.api.Tuple.of(2, key.map(Get::new)),
                net.jqwik.api.Tuple.of(5, Combinators.combine(key, Arbitraries.integers().between(0, MAX_KEY + 1),
                        Arbitraries.integers().between(0, 6), Arbitraries.of(true, false)).as(Scan::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Mark())),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 3).map(RollbackTo::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 3).map(Release::new)));
        return op.list().ofMaxSize(25);
    }

    @Property(tries = 250)
    void readsMatchTheModelAndRecordExactlyTheObservedRanges(
            @ForAll("stores") Map<Integer, Integer> initial,
            @ForAll("operations") List<Op> ops,
            @ForAll @IntRange(min = 0, max = 4) int pageEntries,
            @ForAll @IntRange(min = 1, max = MAX_KEY) int outsideWrite) {
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
