package io.synod.kv.statemachine.store;

import com.google.protobuf.ByteString;
import io.synod.proto.kv.KeyValue;
import io.synod.proto.kv.KvCommandResult;
import io.synod.proto.kv.KvSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The behaviour every {@link StateStore} shares; one subclass per store kind. */
abstract class StateStoreContractTest {

    @TempDir
    Path dir;
    StateStore store;
    private final List<StateStore> opened = new ArrayList<>();

    /** Opens the store kept under {@code dir}, or a new one for stores that keep nothing. */
    abstract StateStore open(Path dir);

    /** Whether the state survives close and reopen. */
    abstract boolean durable();

    StateStore track(StateStore s) {
        opened.add(s);
        return s;
    }

    @BeforeEach
    void openStore() {
        store = track(open(dir.resolve("main")));
    }

    @AfterEach
    void closeStores() {
        opened.forEach(StateStore::close);
    }

    static ByteString b(String s) {
        return ByteString.copyFromUtf8(s);
    }

    static ByteString bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return ByteString.copyFrom(out);
    }

    static KeyValue kv(ByteString key, String value, long index) {
        return KeyValue.newBuilder().setKey(key).setValue(b(value)).setCreateRevision(index).setModRevision(index)
                .setVersion(1).build();
    }

    static KvSession session(long client, long sequence, long index) {
        return KvSession.newBuilder().setClientId(client).setSequence(sequence).setAppliedIndex(index)
                .setResult(KvCommandResult.getDefaultInstance()).build();
    }

    private static List<ByteString> keys(List<KeyValue> records) {
        return records.stream().map(KeyValue::getKey).toList();
    }

    @Test
    void newStoreIsEmptyAtIndexZero() {
        assertThat(store.appliedIndex()).isZero();
        assertThat(store.get(b("a"))).isNull();
        assertThat(store.scan(ByteString.EMPTY, ByteString.EMPTY, 0, false)).isEmpty();
        assertThat(store.sessions()).isEmpty();
        assertThat(store.digest()).isEqualTo(new MemoryStateStore().digest());
    }

    @Test
    void putOverwriteDeleteAndAppliedIndex() {
        store.commit(new WriteBatch(3).put(kv(b("a"), "1", 3)).put(kv(b("b"), "2", 3)));
        assertThat(store.get(b("a"))).isEqualTo(kv(b("a"), "1", 3));
        assertThat(store.appliedIndex()).isEqualTo(3);

        KeyValue updated = kv(b("a"), "x", 3).toBuilder().setModRevision(7).setVersion(2).build();
        store.commit(new WriteBatch(7).put(updated).delete(b("b")).delete(b("never")));
        assertThat(store.get(b("a"))).isEqualTo(updated);
        assertThat(store.get(b("b"))).isNull();
        assertThat(store.appliedIndex()).isEqualTo(7);

        store.commit(new WriteBatch(8).put(kv(b("e"), "", 8)));
        assertThat(store.get(b("e")).getValue()).isEqualTo(ByteString.EMPTY);
    }

    @Test
    void batchMustMoveTheIndexForward() {
        store.commit(new WriteBatch(5).put(kv(b("a"), "1", 5)));
        long digest = store.digest();
        assertThatThrownBy(() -> store.commit(new WriteBatch(5).put(kv(b("a"), "2", 5))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.get(b("a")).getValue()).isEqualTo(b("1"));
        assertThat(store.digest()).isEqualTo(digest);
    }

    @Test
    void sessionsComeInApplyOrderAndCanBeEvicted() {
        store.commit(new WriteBatch(1).putSession(session(9, 1, 1)));
        store.commit(new WriteBatch(2).putSession(session(3, 1, 2)));
        store.commit(new WriteBatch(3).putSession(session(9, 2, 3)));
        assertThat(store.sessions()).containsExactly(session(3, 1, 2), session(9, 2, 3));
        store.commit(new WriteBatch(4).deleteSession(3).putSession(session(-1, 1, 4)));
        assertThat(store.sessions()).containsExactly(session(9, 2, 3), session(-1, 1, 4));
    }

    @Test
    void keysAreOrderedUnsignedLexicographically() {
        List<ByteString> keys = List.of(bytes(0x00), bytes(0x00, 0x00), bytes(0x01), bytes(0x7f), bytes(0x80),
                bytes(0x80, 0x00), bytes(0xff), bytes(0xff, 0xff), b("a"), b("ab"));
        WriteBatch batch = new WriteBatch(1);
        for (int i = keys.size() - 1; i >= 0; i--) {
            batch.put(kv(keys.get(i), "v", 1));
        }
        store.commit(batch);
        List<ByteString> sorted = new ArrayList<>(keys);
        sorted.sort(ByteString.unsignedLexicographicalComparator());
        assertThat(keys(store.scan(ByteString.EMPTY, ByteString.EMPTY, 0, false))).containsExactlyElementsOf(sorted);
        assertThat(keys(store.scan(bytes(0x01), bytes(0xff), 0, false)))
                .containsExactly(bytes(0x01), b("a"), b("ab"), bytes(0x7f), bytes(0x80), bytes(0x80, 0x00));
        assertThat(keys(store.scan(bytes(0x01), bytes(0xff), 3, true)))
                .containsExactly(bytes(0x80, 0x00), bytes(0x80), bytes(0x7f));
        assertThat(keys(store.scan(b("b"), b("a"), 0, false))).isEmpty();
        assertThat(keys(store.scan(bytes(0xff), ByteString.EMPTY, 0, true))).containsExactly(bytes(0xff, 0xff), bytes(0xff));
    }

    @Test
    void summaryCountsTheRangeAndFindsItsNewestRevision() {
        store.commit(new WriteBatch(2).put(kv(b("a"), "1", 2)).put(kv(b("b"), "2", 2)).put(kv(b("c"), "3", 2)));
        store.commit(new WriteBatch(5).put(kv(b("b"), "2'", 5)).put(kv(bytes(0xff), "high", 5)));
        store.commit(new WriteBatch(6).delete(b("c")));

        assertThat(store.summarize(ByteString.EMPTY, ByteString.EMPTY)).isEqualTo(new RangeSummary(3, 5));
        assertThat(store.summarize(b("a"), b("b"))).isEqualTo(new RangeSummary(1, 2));
        assertThat(store.summarize(b("a"), b("c"))).isEqualTo(new RangeSummary(2, 5));
        assertThat(store.summarize(b("c"), b("d"))).as("deleted keys do not count").isEqualTo(RangeSummary.EMPTY);
        assertThat(store.summarize(b("b"), ByteString.EMPTY)).as("open end, unsigned order").isEqualTo(new RangeSummary(2, 5));
        assertThat(store.summarize(b("b"), b("a"))).isEqualTo(RangeSummary.EMPTY);
        assertThat(store.summarize(bytes(0xff, 0x00), ByteString.EMPTY)).isEqualTo(RangeSummary.EMPTY);
    }

    /**
     * Random writes and scans against a TreeMap, with keys of up to 4 KiB that share long
     * prefixes (LMDB keys are limited to 511 bytes) and bytes on both sides of 0x80.
     */
    @Test
    void scansMatchAnOrderedMapForLongAndShortKeys() {
        Random random = new Random(7);
        NavigableMap<ByteString, KeyValue> model = new TreeMap<>(ByteString.unsignedLexicographicalComparator());
        for (long index = 1; index <= 60; index++) {
            WriteBatch batch = new WriteBatch(index);
            for (int i = 0; i < 8; i++) {
                ByteString key = randomKey(random);
                if (random.nextInt(4) == 0) {
                    batch.delete(key);
                    model.remove(key);
                } else {
                    KeyValue kv = kv(key, "v" + index + "." + i, index);
                    batch.put(kv);
                    model.put(key, kv);
                }
            }
            store.commit(batch);
            for (int q = 0; q < 4; q++) {
                ByteString start = random.nextInt(5) == 0 ? ByteString.EMPTY : randomKey(random);
                ByteString end = random.nextInt(3) == 0 ? ByteString.EMPTY : randomKey(random);
                int limit = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(6);
                boolean reverse = random.nextBoolean();
                assertThat(store.scan(start, end, limit, reverse))
                        .as("scan [%s, %s) limit %d reverse %b", start, end, limit, reverse)
                        .isEqualTo(modelScan(model, start, end, limit, reverse));
                List<KeyValue> inRange = modelScan(model, start, end, 0, false);
                assertThat(store.summarize(start, end)).as("summary of [%s, %s)", start, end).isEqualTo(
                        new RangeSummary(inRange.size(), inRange.stream().mapToLong(KeyValue::getModRevision).max().orElse(0)));
                ByteString probe = randomKey(random);
                assertThat(store.get(probe)).isEqualTo(model.get(probe));
            }
        }
        assertThat(store.scan(ByteString.EMPTY, ByteString.EMPTY, 0, false)).containsExactlyElementsOf(model.values());
    }

    static ByteString randomKey(Random random) {
        int[] alphabet = {0x00, 0x01, 0x61, 0x80, 0xff};
        int prefixLength = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> 505 + random.nextInt(8);
            case 2 -> 1000;
            default -> 4090;
        };
        byte[] key = new byte[prefixLength + random.nextInt(4) + (prefixLength == 0 ? 1 : 0)];
        Arrays.fill(key, 0, prefixLength, (byte) 0x61);
        for (int i = prefixLength; i < key.length; i++) {
            key[i] = (byte) alphabet[random.nextInt(alphabet.length)];
        }
        return ByteString.copyFrom(key);
    }

    private static List<KeyValue> modelScan(NavigableMap<ByteString, KeyValue> model, ByteString start,
                                            ByteString end, int limit, boolean reverse) {
        if (!end.isEmpty() && ByteString.unsignedLexicographicalComparator().compare(start, end) >= 0) {
            return List.of();
        }
        NavigableMap<ByteString, KeyValue> range = end.isEmpty() ? model.tailMap(start, true)
                : model.subMap(start, true, end, false);
        List<KeyValue> out = new ArrayList<>((reverse ? range.descendingMap() : range).values());
        return limit > 0 && out.size() > limit ? out.subList(0, limit) : out;
    }

    @Test
    void snapshotReaderKeepsItsViewWhileWritesContinue() {
        fill(store, 1, 50);
        long digestAt50 = store.digest();
        List<KeyValue> recordsAt50 = store.scan(ByteString.EMPTY, ByteString.EMPTY, 0, false);
        List<KvSession> sessionsAt50 = store.sessions();
        byte[] snapshotBytes;
        try (SnapshotReader reader = store.openSnapshot()) {
            fill(store, 51, 80);
            store.commit(new WriteBatch(81).delete(recordsAt50.get(0).getKey()).deleteSession(1));
            assertThat(store.appliedIndex()).isEqualTo(81);

            assertThat(reader.appliedIndex()).isEqualTo(50);
            List<KeyValue> seen = new ArrayList<>();
            reader.forEachRecord(seen::add);
            assertThat(seen).isEqualTo(recordsAt50);
            assertThat(reader.sessions()).isEqualTo(sessionsAt50);
            snapshotBytes = SnapshotCodec.toBytes(reader);
        }
        StateStore fresh = track(open(dir.resolve("fresh")));
        fresh.restoreFrom(50, new ByteArrayInputStream(snapshotBytes));
        assertThat(fresh.digest()).isEqualTo(digestAt50);
        assertThat(fresh.appliedIndex()).isEqualTo(50);
        assertThat(fresh.sessions()).isEqualTo(sessionsAt50);
        assertThat(fresh.scan(ByteString.EMPTY, ByteString.EMPTY, 0, false)).isEqualTo(recordsAt50);
    }

    @Test
    void snapshotStreamsOnAnotherThreadWhileTheWriterCommits() throws Exception {
        fill(store, 1, 100);
        long digestAt100 = store.digest();
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        try (SnapshotReader reader = store.openSnapshot()) {
            Thread streamer = new Thread(() -> SnapshotCodec.write(reader, streamed), "snapshot-streamer");
            streamer.start();
            fill(store, 101, 160);
            streamer.join();
        }
        assertThat(store.appliedIndex()).isEqualTo(160);
        StateStore fresh = track(open(dir.resolve("fresh")));
        fresh.restoreFrom(100, new ByteArrayInputStream(streamed.toByteArray()));
        assertThat(fresh.digest()).isEqualTo(digestAt100);
    }

    @Test
    void restoreReplacesEverythingAndAFailedRestoreChangesNothing() {
        StateStore source = track(new MemoryStateStore());
        fill(source, 1, 30);
        byte[] snapshot;
        try (SnapshotReader reader = source.openSnapshot()) {
            snapshot = SnapshotCodec.toBytes(reader);
        }
        fill(store, 1, 45);
        store.commit(new WriteBatch(46).put(kv(b("only-here"), "x", 46)));
        long before = store.digest();

        assertThatThrownBy(() -> store.restoreFrom(31, new ByteArrayInputStream(snapshot)))
                .hasMessageContaining("taken at index 30");
        byte[] truncated = Arrays.copyOf(snapshot, snapshot.length - 3);
        assertThatThrownBy(() -> store.restoreFrom(30, new ByteArrayInputStream(truncated)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.digest()).isEqualTo(before);
        assertThat(store.appliedIndex()).isEqualTo(46);
        assertThat(store.get(b("only-here"))).isNotNull();

        store.restoreFrom(30, new ByteArrayInputStream(snapshot));
        assertThat(store.digest()).isEqualTo(source.digest());
        assertThat(store.get(b("only-here"))).isNull();
        assertThat(store.sessions()).isEqualTo(source.sessions());
        store.commit(new WriteBatch(31).put(kv(b("after"), "y", 31)));
        assertThat(store.appliedIndex()).isEqualTo(31);
    }

    @Test
    void digestIsTheSameForTheSameStateInEveryStore() {
        StateStore memory = track(new MemoryStateStore());
        fill(memory, 1, 40);
        fill(store, 1, 40);
        assertThat(store.digest()).isEqualTo(memory.digest());
        try (SnapshotReader a = store.openSnapshot(); SnapshotReader m = memory.openSnapshot()) {
            assertThat(SnapshotCodec.toBytes(a)).isEqualTo(SnapshotCodec.toBytes(m));
        }
    }

    @Test
    void stateAndAppliedIndexSurviveReopen() {
        assumeTrue(durable(), "the store keeps nothing across reopen");
        fill(store, 1, 40);
        long digest = store.digest();
        List<KeyValue> records = store.scan(ByteString.EMPTY, ByteString.EMPTY, 0, false);
        List<KvSession> sessions = store.sessions();
        store.close();
        opened.remove(store);

        StateStore reopened = track(open(dir.resolve("main")));
        assertThat(reopened.appliedIndex()).isEqualTo(40);
        assertThat(reopened.digest()).isEqualTo(digest);
        assertThat(reopened.scan(ByteString.EMPTY, ByteString.EMPTY, 0, false)).isEqualTo(records);
        assertThat(reopened.sessions()).isEqualTo(sessions);
        reopened.commit(new WriteBatch(41).put(kv(b("next"), "n", 41)));
        assertThat(reopened.appliedIndex()).isEqualTo(41);
    }

    /** Batches {@code from..to}: a few puts and deletes over long and short keys, and sessions. */
    static void fill(StateStore s, long from, long to) {
        Random random = new Random(from * 31 + to);
        for (long index = from; index <= to; index++) {
            WriteBatch batch = new WriteBatch(index);
            for (int i = 0; i < 3; i++) {
                ByteString key = randomKey(random);
                if (random.nextInt(5) == 0) {
                    batch.delete(key);
                } else {
                    KeyValue previous = s.get(key);
                    batch.put(KeyValue.newBuilder().setKey(key).setValue(b("v" + index))
                            .setCreateRevision(previous == null ? index : previous.getCreateRevision())
                            .setModRevision(index).setVersion(previous == null ? 1 : previous.getVersion() + 1).build());
                }
            }
            batch.putSession(session(1 + random.nextInt(5), index, index));
            s.commit(batch);
        }
    }
}
