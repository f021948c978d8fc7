package io.synod.kv.sim;

import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.consensus.api.HardState;
import io.synod.kv.consensus.api.LogEntry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class SimDiskTest {

    private static SimDisk disk() {
        return new SimDisk(ConfState.ofVoters(List.of(1L, 2L, 3L)), new SimDisk.Latency(100, 0, 0, 0),
                new SplittableRandom(1));
    }

    private static LogEntry entry(long index, long term) {
        return LogEntry.normal(index, term, new byte[] {(byte) index});
    }

    @Test
    void writesAreVisibleAtOnceButDurableOnlyAfterSync() {
        SimDisk disk = disk();
        disk.append(List.of(entry(1, 1), entry(2, 1)));
        assertThat(disk.live().lastIndex()).isEqualTo(2);
        assertThat(disk.durable().lastIndex()).isZero();
        disk.sync();
        assertThat(disk.durable().lastIndex()).isEqualTo(2);
    }

    @Test
    void crashLosingUnsyncedWritesKeepsOnlyWhatWasSynced() {
        SimDisk disk = disk();
        disk.append(List.of(entry(1, 1)));
        disk.setHardState(new HardState(1, 1, 1));
        disk.sync();
        disk.append(List.of(entry(2, 1)));
        disk.setHardState(new HardState(2, 3, 1));
        disk.crash(true);
        assertThat(disk.live().lastIndex()).isEqualTo(1);
        assertThat(disk.live().hardState()).isEqualTo(new HardState(1, 1, 1));
    }

    @Test
    void crashWithoutLossFlushesPendingWrites() {
        SimDisk disk = disk();
        disk.append(List.of(entry(1, 1), entry(2, 1)));
        disk.crash(false);
        assertThat(disk.live().lastIndex()).isEqualTo(2);
        assertThat(disk.durable().lastIndex()).isEqualTo(2);
    }

    @Test
    void compactionIsAWriteLikeAnyOther() {
        SimDisk disk = disk();
        disk.append(List.of(entry(1, 1), entry(2, 1), entry(3, 1)));
        disk.setHardState(new HardState(1, 1, 3));
        disk.sync();
        disk.compact(2, new byte[] {42}, ConfState.ofVoters(List.of(1L, 2L, 3L)));
        assertThat(disk.live().snapshotMeta().index()).isEqualTo(2);
        disk.crash(true);
        assertThat(disk.live().snapshotMeta().index()).isZero();
        assertThat(disk.live().lastIndex()).isEqualTo(3);
    }

    @Test
    void syncLatencyIncludesRareStalls() {
        SimDisk calm = disk();
        assertThat(calm.nextSyncMicros()).isEqualTo(100);
        SimDisk stalling = new SimDisk(ConfState.ofVoters(List.of(1L)), new SimDisk.Latency(100, 0, 1.0, 50_000),
                new SplittableRandom(1));
        long max = 0;
        for (int i = 0; i < 100; i++) {
            max = Math.max(max, stalling.nextSyncMicros());
        }
        assertThat(max).isGreaterThan(10_000);
    }
}
