package io.synod.kv.storage.mem;

import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.consensus.api.HardState;
import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.api.Snapshot;
import io.synod.kv.consensus.api.SnapshotMeta;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemoryLogStoreTest {

    private static final ConfState MEMBERS = ConfState.ofVoters(List.of(1L, 2L, 3L));

    private static List<LogEntry> entries(long from, long to, long term) {
        List<LogEntry> out = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            out.add(LogEntry.normal(i, term, new byte[] {(byte) i}));
        }
        return out;
    }

    @Test
    void startsWithTheBootstrapSnapshot() {
        MemoryLogStore s = new MemoryLogStore(MEMBERS);
        assertThat(s.firstIndex()).isEqualTo(1);
        assertThat(s.lastIndex()).isZero();
        assertThat(s.term(0)).isZero();
        assertThat(s.term(1)).isEqualTo(-1);
        assertThat(s.snapshotMeta().confState()).isEqualTo(MEMBERS);
        assertThat(s.hardState()).isEqualTo(HardState.EMPTY);
    }

    @Test
    void appendReplacesTheSuffixAndEntriesRespectTheByteLimit() {
        MemoryLogStore s = new MemoryLogStore(MEMBERS);
        s.append(entries(1, 5, 1));
        s.append(entries(4, 6, 2));
        assertThat(s.lastIndex()).isEqualTo(6);
        assertThat(s.term(3)).isEqualTo(1);
        assertThat(s.term(4)).isEqualTo(2);
        assertThat(s.entries(1, 7, 0)).hasSize(1);
        assertThat(s.entries(1, 7, 2 * 25)).hasSize(2);
        assertThat(s.entries(2, 7, Long.MAX_VALUE)).extracting(LogEntry::index).containsExactly(2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void misuseIsRefused() {
        MemoryLogStore s = new MemoryLogStore(MEMBERS);
        s.append(entries(1, 3, 1));
        assertThatThrownBy(() -> s.append(entries(5, 6, 1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.append(List.of(LogEntry.normal(4, 1, new byte[0]), LogEntry.normal(6, 1, new byte[0]))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.entries(0, 2, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.entries(2, 5, 100)).isInstanceOf(IllegalArgumentException.class);
        s.setHardState(new HardState(2, 1, 2));
        assertThatThrownBy(() -> s.setHardState(new HardState(1, 1, 2))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> s.setHardState(new HardState(2, 1, 9))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> s.append(entries(2, 2, 3))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> s.compact(3, new byte[0], MEMBERS)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> s.snapshotChunk(5, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void compactionKeepsTheTermOfTheSnapshotIndexAndServesChunks() {
        MemoryLogStore s = new MemoryLogStore(MEMBERS);
        s.append(entries(1, 10, 3));
        s.setHardState(new HardState(3, 1, 8));
        byte[] data = "state-machine".getBytes();
        s.compact(6, data, MEMBERS);
        assertThat(s.firstIndex()).isEqualTo(7);
        assertThat(s.lastIndex()).isEqualTo(10);
        assertThat(s.term(6)).isEqualTo(3);
        assertThat(s.term(5)).isEqualTo(-1);
        assertThat(s.snapshotMeta().checksum()).isEqualTo(MemoryLogStore.checksum(data));
        assertThat(s.snapshotChunk(0, 5)).isEqualTo("state".getBytes());
        assertThat(s.snapshotChunk(5, 100)).isEqualTo("-machine".getBytes());
        assertThatThrownBy(() -> s.entries(6, 8, 100)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void installingASnapshotKeepsAMatchingSuffixOnly() {
        byte[] data = {1, 2, 3};
        SnapshotMeta meta = new SnapshotMeta(4, 2, MEMBERS, 3, MemoryLogStore.checksum(data));
        MemoryLogStore matching = new MemoryLogStore(MEMBERS);
        matching.append(entries(1, 6, 2));
        matching.installSnapshot(new Snapshot(meta, data));
        assertThat(matching.firstIndex()).isEqualTo(5);
        assertThat(matching.lastIndex()).isEqualTo(6);
        assertThat(matching.hardState().commit()).isEqualTo(4);

        MemoryLogStore diverging = new MemoryLogStore(MEMBERS);
        diverging.append(entries(1, 6, 1));
        diverging.installSnapshot(new Snapshot(meta, data));
        assertThat(diverging.lastIndex()).isEqualTo(4);
        assertThat(diverging.term(4)).isEqualTo(2);
        assertThat(diverging.snapshotData()).isEqualTo(data);

        assertThatThrownBy(() -> diverging.installSnapshot(new Snapshot(meta, data)))
                .isInstanceOf(IllegalArgumentException.class);
        SnapshotMeta lying = new SnapshotMeta(9, 2, MEMBERS, 3, 12345);
        assertThatThrownBy(() -> diverging.installSnapshot(new Snapshot(lying, data)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void copyIsIndependent() {
        MemoryLogStore s = new MemoryLogStore(MEMBERS);
        s.append(entries(1, 3, 1));
        MemoryLogStore copy = s.copy();
        s.append(entries(3, 5, 2));
        assertThat(copy.lastIndex()).isEqualTo(3);
        assertThat(copy.term(3)).isEqualTo(1);
        assertThat(s.lastIndex()).isEqualTo(5);
    }
}
