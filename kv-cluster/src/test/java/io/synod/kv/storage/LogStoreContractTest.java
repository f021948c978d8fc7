package io.synod.kv.storage;

import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.consensus.api.EntryType;
import io.synod.kv.consensus.api.HardState;
import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.api.RepairFloor;
import io.synod.kv.consensus.api.Snapshot;
import io.synod.kv.consensus.api.SnapshotMeta;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Behaviour every {@link LogStore} must show. Subclasses supply fresh stores and, where the store
 * is durable and checksummed, the reopen and corruption hooks.
 */
public abstract class LogStoreContractTest {

    protected static final ConfState BOOTSTRAP = ConfState.ofVoters(List.of(1L, 2L, 3L));
    private static final long NO_LIMIT = Long.MAX_VALUE;

    protected LogStore store;

    /** A new, empty store whose bootstrap snapshot carries {@code bootstrap}. */
    protected abstract LogStore newStore(ConfState bootstrap);

    /** Closes {@code current} and opens the same storage again; empty if the store is not durable. */
    protected abstract Optional<LogStore> reopen(LogStore current);

    /**
     * Damages the stored entry at {@code index} (its bytes, not its framing) and returns a store
     * reading the damaged storage; empty if the store keeps no checksums.
     */
    protected abstract Optional<LogStore> corruptEntry(LogStore current, long index);

    @BeforeEach
    protected void openStore() {
        store = newStore(BOOTSTRAP);
    }

    @AfterEach
    protected void closeStore() {
        store.close();
    }

    @Test
    void emptyStoreAnswers() {
        assertThat(store.hardState()).isEqualTo(HardState.EMPTY);
        assertThat(store.firstIndex()).isEqualTo(1);
        assertThat(store.lastIndex()).isZero();
        assertThat(store.term(0)).isZero();
        assertThat(store.term(1)).isEqualTo(-1);
        SnapshotMeta meta = store.snapshotMeta();
        assertThat(meta.index()).isZero();
        assertThat(meta.term()).isZero();
        assertThat(meta.confState()).isEqualTo(BOOTSTRAP);
        assertThat(meta.sizeBytes()).isZero();
        assertThat(store.snapshotChunk(0, 16)).isEmpty();
    }

    @Test
    void appendedEntriesReadBack() {
        List<LogEntry> written = List.of(
                entry(1, 1, "a"), new LogEntry(2, 1, EntryType.NOOP, new byte[0]),
                new LogEntry(3, 2, EntryType.CONF_CHANGE, bytes("conf")), entry(4, 2, "d"));
        store.append(written.subList(0, 2));
        store.append(written.subList(2, 4));

        assertThat(store.firstIndex()).isEqualTo(1);
        assertThat(store.lastIndex()).isEqualTo(4);
        assertThat(store.entries(1, 5, NO_LIMIT)).containsExactlyElementsOf(written);
        assertThat(store.entries(2, 4, NO_LIMIT)).containsExactlyElementsOf(written.subList(1, 3));
        assertThat(store.term(3)).isEqualTo(2);
        assertThat(store.term(5)).isEqualTo(-1);
    }

    @Test
    void appendReplacesTheStoredSuffixFromItsFirstIndex() {
        store.append(entries(1, 5, 1));
        store.append(List.of(entry(3, 2, "x"), entry(4, 2, "y")));

        assertThat(store.lastIndex()).isEqualTo(4);
        assertThat(store.entries(1, 5, NO_LIMIT)).extracting(LogEntry::term).containsExactly(1L, 1L, 2L, 2L);
        assertThat(store.entries(3, 4, NO_LIMIT)).containsExactly(entry(3, 2, "x"));
        assertThat(store.term(5)).isEqualTo(-1);
    }

    @Test
    void appendThatShortensTheLogDropsTheTail() {
        store.append(entries(1, 10, 1));
        store.append(List.of(entry(2, 3, "z")));

        assertThat(store.lastIndex()).isEqualTo(2);
        assertThat(store.term(2)).isEqualTo(3);
        assertThat(store.term(3)).isEqualTo(-1);
    }

    @Test
    void entriesReturnAtLeastOneThenAsManyAsFit() {
        store.append(entries(1, 5, 1));
        long one = store.entries(1, 2, NO_LIMIT).get(0).sizeBytes();

        assertThat(store.entries(1, 6, 0)).hasSize(1);
        assertThat(store.entries(1, 6, one - 1)).hasSize(1);
        assertThat(store.entries(1, 6, 2 * one)).hasSize(2);
        assertThat(store.entries(1, 6, 3 * one - 1)).hasSize(2);
        assertThat(store.entries(1, 6, NO_LIMIT)).hasSize(5);
    }

    @Test
    void entriesOutsideTheLogAreRejected() {
        store.append(entries(1, 5, 1));
        commitThrough(2);
        store.compact(2, bytes("state"), BOOTSTRAP);

        assertThatThrownBy(() -> store.entries(2, 4, NO_LIMIT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.entries(3, 7, NO_LIMIT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.entries(4, 3, NO_LIMIT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.entries(4, 4, NO_LIMIT)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.entries(3, 6, NO_LIMIT)).extracting(LogEntry::index).containsExactly(3L, 4L, 5L);
    }

    @Test
    void hardStateRoundTrips() {
        store.append(entries(1, 5, 7));
        store.setHardState(new HardState(7, 2, 5));
        assertThat(store.hardState()).isEqualTo(new HardState(7, 2, 5));
        store.setHardState(new HardState(8, 0, 5));
        assertThat(store.hardState()).isEqualTo(new HardState(8, 0, 5));
    }

    @Test
    void compactionMovesTheLogStartAndKeepsTheSnapshot() {
        store.append(List.of(entry(1, 1, "a"), entry(2, 1, "b"), entry(3, 2, "c"), entry(4, 2, "d"), entry(5, 3, "e")));
        ConfState conf = ConfState.ofVoters(List.of(1L, 2L, 3L, 4L));
        byte[] data = randomBytes(10_000, 7);

        commitThrough(3);
        store.compact(3, data, conf);

        assertThat(store.firstIndex()).isEqualTo(4);
        assertThat(store.lastIndex()).isEqualTo(5);
        assertThat(store.term(3)).isEqualTo(2);
        assertThat(store.term(2)).isEqualTo(-1);
        assertThat(store.term(4)).isEqualTo(2);
        assertThat(store.entries(4, 6, NO_LIMIT)).extracting(LogEntry::index).containsExactly(4L, 5L);
        SnapshotMeta meta = store.snapshotMeta();
        assertThat(meta.index()).isEqualTo(3);
        assertThat(meta.term()).isEqualTo(2);
        assertThat(meta.confState()).isEqualTo(conf);
        assertThat(meta.sizeBytes()).isEqualTo(data.length);
        assertThat(readSnapshot(777)).isEqualTo(data);
    }

    @Test
    void compactingTheWholeLogLeavesItEmptyAtTheSnapshot() {
        store.append(entries(1, 4, 2));
        commitThrough(4);
        store.compact(4, bytes("all"), BOOTSTRAP);

        assertThat(store.firstIndex()).isEqualTo(5);
        assertThat(store.lastIndex()).isEqualTo(4);
        assertThat(store.term(4)).isEqualTo(2);
        store.append(List.of(entry(5, 3, "next")));
        assertThat(store.entries(5, 6, NO_LIMIT)).containsExactly(entry(5, 3, "next"));
    }

    @Test
    void snapshotChunksCoverTheDataExactly() {
        store.append(entries(1, 2, 1));
        byte[] data = randomBytes(5_000, 11);
        commitThrough(2);
        store.compact(2, data, BOOTSTRAP);

        assertThat(store.snapshotChunk(0, data.length + 100)).isEqualTo(data);
        assertThat(store.snapshotChunk(4_990, 100)).hasSize(10);
        assertThat(store.snapshotChunk(data.length, 100)).isEmpty();
        assertThatThrownBy(() -> store.snapshotChunk(data.length + 1, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.snapshotChunk(-1, 100)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void appendBelowTheSnapshotIsRejected() {
        store.append(entries(1, 6, 1));
        commitThrough(4);
        store.compact(4, bytes("s"), BOOTSTRAP);

        assertThatThrownBy(() -> store.append(entries(3, 3, 2))).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.term(5)).isEqualTo(1);
        assertThat(store.lastIndex()).isEqualTo(6);
    }

    @Test
    void appendOverCommittedEntriesIsRejected() {
        store.append(entries(1, 5, 1));
        commitThrough(3);

        assertThatThrownBy(() -> store.append(entries(3, 1, 2))).isInstanceOf(IllegalStateException.class);
        store.append(entries(4, 1, 2));
        assertThat(store.lastIndex()).isEqualTo(4);
        assertThat(store.term(4)).isEqualTo(2);
    }

    @Test
    void installedSnapshotKeepsAMatchingSuffix() {
        store.append(entries(1, 10, 1));
        ConfState conf = ConfState.ofVoters(List.of(1L, 2L));
        byte[] data = randomBytes(3_000, 3);

        store.installSnapshot(snapshot(7, 1, conf, data));

        assertThat(store.firstIndex()).isEqualTo(8);
        assertThat(store.lastIndex()).isEqualTo(10);
        assertThat(store.term(7)).isEqualTo(1);
        assertThat(store.entries(8, 11, NO_LIMIT)).containsExactlyElementsOf(entries(8, 3, 1));
        assertThat(store.snapshotMeta().confState()).isEqualTo(conf);
        assertThat(store.hardState().commit()).isEqualTo(7);
        assertThat(readSnapshot(1_000)).isEqualTo(data);
    }

    @Test
    void installedSnapshotClearsAMismatchingLog() {
        store.append(entries(1, 10, 1));

        store.installSnapshot(snapshot(7, 2, BOOTSTRAP, bytes("leader state")));

        assertThat(store.firstIndex()).isEqualTo(8);
        assertThat(store.lastIndex()).isEqualTo(7);
        assertThat(store.term(7)).isEqualTo(2);
        assertThat(store.term(8)).isEqualTo(-1);
        assertThat(readSnapshot(5)).isEqualTo(bytes("leader state"));
    }

    @Test
    void installedSnapshotAheadOfTheLogReplacesIt() {
        store.append(entries(1, 3, 1));

        store.installSnapshot(snapshot(20, 4, BOOTSTRAP, bytes("far ahead")));

        assertThat(store.firstIndex()).isEqualTo(21);
        assertThat(store.lastIndex()).isEqualTo(20);
        assertThat(store.term(20)).isEqualTo(4);
        assertThat(store.term(3)).isEqualTo(-1);
        store.append(List.of(entry(21, 4, "after")));
        assertThat(store.lastIndex()).isEqualTo(21);
    }

    @Test
    void olderSnapshotIsRejected() {
        store.append(entries(1, 5, 1));
        commitThrough(4);
        store.compact(4, bytes("s"), BOOTSTRAP);

        assertThatThrownBy(() -> store.installSnapshot(snapshot(3, 1, BOOTSTRAP, bytes("old"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.installSnapshot(snapshot(4, 1, BOOTSTRAP, bytes("same index"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.snapshotMeta().index()).isEqualTo(4);
    }

    @Test
    void snapshotThatDoesNotMatchItsMetaIsRejected() {
        Snapshot good = snapshot(5, 1, BOOTSTRAP, bytes("data"));
        SnapshotMeta m = good.meta();

        assertThatThrownBy(() -> store.installSnapshot(new Snapshot(
                new SnapshotMeta(5, 1, BOOTSTRAP, m.sizeBytes(), m.checksum() + 1), good.data())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.installSnapshot(new Snapshot(
                new SnapshotMeta(5, 1, BOOTSTRAP, m.sizeBytes() + 1, m.checksum()), good.data())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.snapshotMeta().index()).isZero();
    }

    @Test
    void hardStateThatMovesBackwardsIsRejected() {
        store.append(entries(1, 5, 3));
        store.setHardState(new HardState(3, 1, 4));

        assertThatThrownBy(() -> store.setHardState(new HardState(2, 1, 4))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.setHardState(new HardState(3, 1, 3))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.setHardState(new HardState(3, 1, 6))).isInstanceOf(IllegalStateException.class);
        assertThat(store.hardState()).isEqualTo(new HardState(3, 1, 4));
    }

    @Test
    void compactionBeyondCommitIsRejected() {
        store.append(entries(1, 5, 1));
        commitThrough(2);

        assertThatThrownBy(() -> store.compact(3, bytes("s"), BOOTSTRAP)).isInstanceOf(IllegalStateException.class);
        assertThat(store.firstIndex()).isEqualTo(1);
    }

    @Test
    void appendWithAGapIsRejected() {
        store.append(entries(1, 3, 1));

        assertThatThrownBy(() -> store.append(List.of(entry(5, 1, "gap")))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.append(List.of(entry(4, 1, "a"), entry(6, 1, "b"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.lastIndex()).isEqualTo(3);
    }

    @Test
    void compactionOutsideTheLogIsRejected() {
        store.append(entries(1, 3, 1));
        commitThrough(2);
        store.compact(2, bytes("s"), BOOTSTRAP);

        assertThatThrownBy(() -> store.compact(4, bytes("t"), BOOTSTRAP)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.compact(2, bytes("t"), BOOTSTRAP)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.compact(1, bytes("t"), BOOTSTRAP)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.firstIndex()).isEqualTo(3);
        assertThat(store.lastIndex()).isEqualTo(3);
        assertThat(readSnapshot(10)).isEqualTo(bytes("s"));
    }

    @Test
    void reopenRestoresTheSyncedState() {
        store.append(entries(1, 8, 2));
        store.setHardState(new HardState(2, 1, 6));
        ConfState conf = ConfState.ofVoters(List.of(1L, 5L));
        byte[] data = randomBytes(4_321, 5);
        store.compact(5, data, conf);
        store.sync();
        SnapshotMeta meta = store.snapshotMeta();

        Optional<LogStore> reopened = reopen(store);
        assumeTrue(reopened.isPresent(), "store is not durable");
        store = reopened.get();

        assertThat(store.hardState()).isEqualTo(new HardState(2, 1, 6));
        assertThat(store.firstIndex()).isEqualTo(6);
        assertThat(store.lastIndex()).isEqualTo(8);
        assertThat(store.entries(6, 9, NO_LIMIT)).containsExactlyElementsOf(entries(6, 3, 2));
        assertThat(store.snapshotMeta()).isEqualTo(meta);
        assertThat(readSnapshot(1_000)).isEqualTo(data);
    }

    @Test
    void persistWritesEntriesHardStateAndEngineStateTogether() {
        store.append(entries(1, 4, 1));
        byte[] engineState = randomBytes(700, 11);

        store.persist(null, entries(3, 4, 2), new HardState(2, 1, 5), engineState);
        store.sync();

        assertThat(store.lastIndex()).isEqualTo(6);
        assertThat(store.entries(1, 7, NO_LIMIT)).containsExactlyElementsOf(
                List.of(entry(1, 1, "entry-1"), entry(2, 1, "entry-2"), entry(3, 2, "entry-3"),
                        entry(4, 2, "entry-4"), entry(5, 2, "entry-5"), entry(6, 2, "entry-6")));
        assertThat(store.hardState()).isEqualTo(new HardState(2, 1, 5));
        assertThat(store.engineState()).isEqualTo(engineState);
    }

    @Test
    void persistInstallsTheSnapshotBeforeTheEntriesAfterIt() {
        store.append(entries(1, 3, 1));
        byte[] data = randomBytes(2_500, 12);

        store.persist(snapshot(10, 3, BOOTSTRAP, data), entries(11, 2, 3), new HardState(3, 1, 11), null);

        assertThat(store.firstIndex()).isEqualTo(11);
        assertThat(store.lastIndex()).isEqualTo(12);
        assertThat(store.entries(11, 13, NO_LIMIT)).containsExactlyElementsOf(entries(11, 2, 3));
        assertThat(store.hardState()).isEqualTo(new HardState(3, 1, 11));
        assertThat(readSnapshot(1_000)).isEqualTo(data);
        assertThat(store.engineState()).isEmpty();
    }

    @Test
    void persistChecksEachPartLikeItsOwnMutator() {
        store.append(entries(1, 3, 2));
        store.setHardState(new HardState(2, 1, 2));

        assertThatThrownBy(() -> store.persist(null, List.of(), new HardState(1, 1, 2), null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("term moves backwards");
        assertThatThrownBy(() -> store.persist(null, entries(2, 1, 3), null, null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("overwrite committed");
        assertThatThrownBy(() -> store.persist(null, List.of(entry(4, 2, "a"), entry(6, 2, "b")), null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not contiguous");
        assertThat(store.lastIndex()).isEqualTo(3);
        assertThat(store.hardState()).isEqualTo(new HardState(2, 1, 2));
    }

    @Test
    void engineStateRoundTripsAndSurvivesAReopen() {
        assertThat(store.engineState()).isEmpty();
        byte[] state = randomBytes(2_000, 9);
        store.setEngineState(state);
        assertThat(store.engineState()).isEqualTo(state);
        store.setEngineState(new byte[] {1, 2, 3});
        store.sync();

        Optional<LogStore> reopened = reopen(store);
        assumeTrue(reopened.isPresent(), "store is not durable");
        store = reopened.get();

        assertThat(store.engineState()).containsExactly(1, 2, 3);
    }

    @Test
    void reopenKeepsTheOriginalBootstrapMembers() {
        Optional<LogStore> reopened = reopen(store);
        assumeTrue(reopened.isPresent(), "store is not durable");
        store = reopened.get();

        assertThat(store.snapshotMeta().confState()).isEqualTo(BOOTSTRAP);
        assertThat(store.lastIndex()).isZero();
    }

    @Test
    void aRepairStartsEmptyWithTheOldTermAndVoteAndKeepsItsFloor() {
        assertThat(store.repairFloor()).isEqualTo(RepairFloor.NONE);
        store.beginRepair(7, 3, new RepairFloor(120, 6));
        store.sync();
        assertThat(store.hardState()).isEqualTo(new HardState(7, 3, 0));
        assertThat(store.repairFloor()).isEqualTo(new RepairFloor(120, 6));
        assertThat(store.lastIndex()).isZero();

        // The repaired replica then fills its log from a leader as usual; the floor stays.
        store.append(entries(1, 4, 6));
        store.setHardState(new HardState(8, 0, 4));
        store.sync();
        assertThat(store.repairFloor()).isEqualTo(new RepairFloor(120, 6));
        // Damaged again before it caught up: the floor it already had is the more up-to-date one.
        assertThat(store.floorAfterDamage()).isEqualTo(new RepairFloor(120, 6));
        Optional<LogStore> reopened = reopen(store);
        if (reopened.isPresent()) {
            store = reopened.get();
            assertThat(store.repairFloor()).as("a restart keeps the floor").isEqualTo(new RepairFloor(120, 6));
            assertThat(store.hardState()).isEqualTo(new HardState(8, 0, 4));
        }
        assertThatThrownBy(() -> store.beginRepair(9, 0, new RepairFloor(200, 8)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("empty store");
    }

    @Test
    void theFloorAfterDamageIsTheLastEntry() {
        store.append(entries(1, 3, 2));
        store.append(entries(4, 2, 5));
        assertThat(store.floorAfterDamage()).isEqualTo(new RepairFloor(5, 5));
    }

    @Test
    void aRepairNeverMovesTheTermBack() {
        store.setHardState(new HardState(5, 2, 0));
        assertThatThrownBy(() -> store.beginRepair(4, 0, new RepairFloor(10, 4)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(store.repairFloor()).isEqualTo(RepairFloor.NONE);
    }

    @Test
    void corruptEntryIsDetected() {
        store.append(entries(1, 3, 1));
        store.sync();

        Optional<LogStore> damaged = corruptEntry(store, 2);
        assumeTrue(damaged.isPresent(), "store keeps no checksums");
        store = damaged.get();

        assertThat(store.entries(1, 2, NO_LIMIT)).containsExactlyElementsOf(entries(1, 1, 1));
        assertThatThrownBy(() -> store.entries(1, 4, NO_LIMIT))
                .isInstanceOf(CorruptionException.class).hasMessageContaining("log entry 2");
        assertThatThrownBy(() -> store.term(2))
                .isInstanceOf(CorruptionException.class).hasMessageContaining("log entry 2");
    }

    // ---- helpers ---------------------------------------------------------------------------

    /** Marks the log committed through {@code index}, as a runtime does before compacting. */
    protected void commitThrough(long index) {
        HardState hs = store.hardState();
        store.setHardState(new HardState(Math.max(hs.term(), store.term(index)), hs.vote(), index));
    }

    protected static LogEntry entry(long index, long term, String data) {
        return LogEntry.normal(index, term, bytes(data));
    }

    /** {@code count} normal entries from {@code first}, all of {@code term}, with distinct data. */
    protected static List<LogEntry> entries(long first, int count, long term) {
        List<LogEntry> out = new ArrayList<>();
        for (long i = first; i < first + count; i++) {
            out.add(entry(i, term, "entry-" + i));
        }
        return out;
    }

    protected static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    protected static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    protected static Snapshot snapshot(long index, long term, ConfState conf, byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        return new Snapshot(new SnapshotMeta(index, term, conf, data.length, (int) crc.getValue()), data);
    }

    /** The latest snapshot's data, read in pieces of {@code piece} bytes. */
    protected byte[] readSnapshot(int piece) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long size = store.snapshotMeta().sizeBytes();
        while (out.size() < size) {
            out.writeBytes(store.snapshotChunk(out.size(), piece));
        }
        return out.toByteArray();
    }
}
