package io.synod.kv.consensus.raft;

import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.consensus.api.Ready;
import io.synod.kv.consensus.api.Role;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

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
}
