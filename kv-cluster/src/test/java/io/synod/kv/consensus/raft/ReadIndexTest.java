package io.synod.kv.consensus.raft;

import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.consensus.api.ProposeResult;
import io.synod.kv.consensus.api.ReadState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.synod.kv.consensus.raft.RaftMessage.Type.HEARTBEAT;
import static io.synod.kv.consensus.raft.RaftMessage.Type.HEARTBEAT_RESPONSE;
import static org.assertj.core.api.Assertions.assertThat;

class ReadIndexTest {

    private static TestCluster leaseCluster() {
        return new TestCluster(ConfState.ofVoters(List.of(1L, 2L, 3L)), Map.of(1L, 0),
                cfg -> TestCluster.flags(cfg, true, true, true));
    }

    @Test
    void leaderServesAReadAfterAQuorumConfirmsLeadership() {
        TestCluster c = TestCluster.of(1, 2, 3);
        c.awaitLeader();
        c.propose(1, "a");
        c.delivered.clear();
        assertThat(c.engine(1).requestRead(42).isAccepted()).isTrue();
        c.stabilize();
        assertThat(c.node(1).readStates).containsExactly(new ReadState(42, 2));
        assertThat(c.delivered).anySatisfy(m -> assertThat(m.type()).isEqualTo(HEARTBEAT));
    }

    @Test
    void anIsolatedLeaderCannotServeReads() {
        TestCluster c = TestCluster.of(1, 2, 3);
        c.awaitLeader();
        c.tickAll(1);
        c.isolate(1);
        c.engine(1).requestRead(7);
        c.stabilize();
        c.tickAll(3);
        assertThat(c.node(1).readStates).isEmpty();
    }

    @Test
    void followerReadsGoThroughTheLeader() {
        TestCluster c = TestCluster.of(1, 2, 3);
        c.awaitLeader();
        c.propose(1, "a");
        assertThat(c.engine(3).requestRead(9).isAccepted()).isTrue();
        c.stabilize();
        assertThat(c.node(3).readStates).containsExactly(new ReadState(9, 2));
        assertThat(c.node(1).readStates).isEmpty();
    }

    @Test
    void readsWaitUntilTheLeaderCommittedAnEntryOfItsTerm() {
        TestCluster c = TestCluster.of(1, 2, 3);
        c.dropWhen(m -> m.type() == RaftMessage.Type.APPEND_RESPONSE);
        c.awaitLeader();
        c.engine(1).requestRead(5);
        c.tickAll(2);
        assertThat(c.node(1).readStates).isEmpty();
        c.heal();
        c.tickAll(2);
        assertThat(c.node(1).readStates).containsExactly(new ReadState(5, 1));
    }

    @Test
    void withoutALeaderReadsAreRefused() {
        TestCluster c = TestCluster.of(1, 2, 3);
        assertThat(c.engine(2).requestRead(1).status()).isEqualTo(ProposeResult.Status.NOT_LEADER);
    }

    @Test
    void leaseReadsAreServedImmediatelyWhileTheLeaseHolds() {
        TestCluster c = leaseCluster();
        c.tickAll(TestCluster.ELECTION);
        c.awaitLeader();
        c.tickAll(2);
        c.delivered.clear();
        c.engine(1).requestRead(3);
        assertThat(c.engine(1).ready().readStates()).containsExactly(new ReadState(3, 1));
    }

    @Test
    void leaseExpiresWithoutHeartbeatAcknowledgements() {
        TestCluster c = leaseCluster();
        c.tickAll(TestCluster.ELECTION);
        c.awaitLeader();
        c.tickAll(2);
        c.dropWhen(m -> m.type() == HEARTBEAT_RESPONSE);
        c.tickAll(TestCluster.ELECTION);
        c.engine(1).requestRead(4);
        c.stabilize();
        assertThat(c.node(1).readStates).isEmpty();
    }

    @Test
    void leaseIsOffByDefault() {
        TestCluster c = TestCluster.of(1, 2, 3);
        c.awaitLeader();
        c.tickAll(2);
        c.engine(1).requestRead(3);
        assertThat(c.engine(1).ready().readStates()).isEmpty();
    }
}
