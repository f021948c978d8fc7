package io.synod.kv.consensus.raft;

import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.api.Ready;
import io.synod.kv.consensus.api.Role;
import io.synod.kv.consensus.api.SnapshotMeta;
import io.synod.kv.storage.mem.MemoryLogStore;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.synod.kv.consensus.raft.RaftMessage.Type.APPEND;
import static io.synod.kv.consensus.raft.RaftMessage.Type.APPEND_RESPONSE;
import static io.synod.kv.consensus.raft.RaftMessage.Type.INSTALL_SNAPSHOT;
import static org.assertj.core.api.Assertions.assertThat;

class SnapshotTest {

    private static final byte[] STATE = new byte[100];

    static {
        for (int i = 0; i < STATE.length; i++) {
            STATE[i] = (byte) (i * 7);
        }
    }

    /** Node 3 misses ten entries while the others compact their logs past them. */
    private static TestCluster laggingFollowerBehindCompaction() {
        TestCluster c = new TestCluster(ConfState.ofVoters(List.of(1L, 2L, 3L)), Map.of(1L, 0),
                cfg -> TestCluster.limits(cfg, 8, 1 << 16, 1 << 20, 16));
        c.awaitLeader();
        c.isolate(3);
        for (int i = 0; i < 10; i++) {
            c.propose(1, "v" + i);
        }
        c.tickAll(2);
        for (long id = 1; id <= 2; id++) {
            long applied = c.node(id).appliedIndex();
            c.node(id).store.compact(applied, STATE, c.engine(id).confStateAt(applied));
        }
        return c;
    }

    @Test
    void aLaggingFollowerGetsTheSnapshotInChunksAndThenTheLog() {
        TestCluster c = laggingFollowerBehindCompaction();
        long snapIndex = c.node(1).store.snapshotMeta().index();
        c.heal();
        c.delivered.clear();
        c.tickAll(3);
        long chunks = c.delivered.stream().filter(m -> m.type() == INSTALL_SNAPSHOT).count();
        assertThat(chunks).isEqualTo(7);
        assertThat(c.node(3).store.snapshotMeta().index()).isEqualTo(snapIndex);
        assertThat(c.node(3).store.snapshotData()).isEqualTo(STATE);
        List<Ready<RaftMessage>> withSnapshot = c.node(3).readies.stream().filter(r -> r.snapshot() != null).toList();
        assertThat(withSnapshot).hasSize(1);
        assertThat(withSnapshot.get(0).messages()).isEmpty();
        c.propose(1, "after");
        c.tickAll(2);
        assertThat(c.node(3).appliedCommands()).extracting(String::new).containsExactly("after");
        assertThat(c.engine(1).status().progress().get(3L).snapshotting()).isFalse();
        assertThat(c.engine(3).status().commitIndex()).isEqualTo(c.engine(1).status().commitIndex());
    }

    @Test
    void aCorruptedChunkFailsTheChecksumAndTheTransferRestarts() {
        TestCluster c = laggingFollowerBehindCompaction();
        AtomicBoolean corrupted = new AtomicBoolean();
        c.heal();
        c.intercept(m -> {
            if (m.type() == INSTALL_SNAPSHOT && m.snapshotOffset() == 32 && !corrupted.getAndSet(true)) {
                byte[] bad = Arrays.copyOf(m.snapshotData(), m.snapshotData().length);
                bad[0] ^= 1;
                return m.withSnapshot(m.snapshot(), m.snapshotOffset(), bad, m.snapshotDone());
            }
            return m;
        });
        c.tickAll(3);
        assertThat(corrupted).isTrue();
        assertThat(c.node(3).store.snapshotData()).isEqualTo(STATE);
    }

    @Test
    void aLostChunkIsResentAfterATimeout() {
        TestCluster c = laggingFollowerBehindCompaction();
        AtomicBoolean dropped = new AtomicBoolean();
        c.heal();
        c.dropWhen(m -> m.type() == INSTALL_SNAPSHOT && m.snapshotOffset() == 48 && !dropped.getAndSet(true));
        c.tickAll(2);
        assertThat(c.node(3).store.snapshotMeta().index()).isZero();
        c.tickAll(2 * TestCluster.ELECTION);
        assertThat(dropped).isTrue();
        assertThat(c.node(3).store.snapshotData()).isEqualTo(STATE);
        assertThat(c.engine(3).status().role()).isEqualTo(Role.FOLLOWER);
    }

    @Test
    void restartAfterInstallingASnapshotResumesFromIt() {
        TestCluster c = laggingFollowerBehindCompaction();
        c.heal();
        c.tickAll(3);
        long snapIndex = c.node(3).store.snapshotMeta().index();
        c.restart(3);
        assertThat(c.engine(3).status().commitIndex()).isGreaterThanOrEqualTo(snapIndex);
        assertThat(c.engine(3).status().confState().voters()).containsExactly(1L, 2L, 3L);
        c.propose(1, "more");
        c.tickAll(2);
        assertThat(c.node(3).appliedCommands()).extracting(String::new).containsExactly("more");
    }

    /**
     * While a chunked snapshot is in flight, the follower receives entries that reach past the
     * snapshot's last entry (and match it). A later chunk must not restore the snapshot, which
     * would cut off entries the follower already acknowledged: it keeps its log, commits up to
     * the snapshot and acknowledges the snapshot's index.
     */
    @Test
    void aLateChunkDoesNotCutOffEntriesAppendedDuringTheTransfer() {
        TestCluster c = TestCluster.of(1, 2, 3);
        c.awaitLeader();
        long term = c.engine(1).status().term();
        long committed = c.engine(2).status().commitIndex();
        byte[] state = Arrays.copyOf(STATE, 32);
        SnapshotMeta meta = new SnapshotMeta(committed + 5, term, ConfState.ofVoters(List.of(1L, 2L, 3L)),
                state.length, MemoryLogStore.checksum(state));
        RaftEngine follower = c.engine(2);

        follower.step(RaftMessage.of(INSTALL_SNAPSHOT, 1, 2, term).withCommit(committed)
                .withSnapshot(meta, 0, Arrays.copyOf(state, 16), false));
        List<LogEntry> entries = new ArrayList<>();
        for (long i = committed + 1; i <= meta.index() + 2; i++) {
            entries.add(LogEntry.normal(i, term, new byte[] {(byte) i}));
        }
        follower.step(RaftMessage.of(APPEND, 1, 2, term).withLog(term, committed).withEntries(entries)
                .withCommit(committed));
        c.process(2);
        c.inFlight.clear();

        follower.step(RaftMessage.of(INSTALL_SNAPSHOT, 1, 2, term).withCommit(committed)
                .withSnapshot(meta, 16, Arrays.copyOfRange(state, 16, 32), true));
        c.process(2);

        assertThat(c.node(2).readies).noneMatch(r -> r.snapshot() != null);
        assertThat(follower.status().lastIndex()).isEqualTo(meta.index() + 2);
        assertThat(c.node(2).store.lastIndex()).isEqualTo(meta.index() + 2);
        assertThat(follower.status().commitIndex()).isEqualTo(meta.index());
        assertThat(c.inFlight).singleElement().satisfies(m -> {
            assertThat(m.type()).isEqualTo(APPEND_RESPONSE);
            assertThat(m.reject()).isFalse();
            assertThat(m.index()).isEqualTo(meta.index());
        });
    }
}
