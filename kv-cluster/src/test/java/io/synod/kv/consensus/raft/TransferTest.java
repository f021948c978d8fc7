package io.synod.kv.consensus.raft;

import io.synod.kv.consensus.api.ProposeResult;
import io.synod.kv.consensus.api.Role;
import org.junit.jupiter.api.Test;

import static io.synod.kv.consensus.raft.RaftMessage.Type.APPEND;
import static io.synod.kv.consensus.raft.RaftMessage.Type.TIMEOUT_NOW;
import static org.assertj.core.api.Assertions.assertThat;

class TransferTest {

    @Test
    void leadershipMovesToAnUpToDateTarget() {
        TestCluster c = TestCluster.of(1, 2, 3);
        c.awaitLeader();
        c.propose(1, "a");
        long term = c.engine(1).status().term();
        assertThat(c.engine(1).transferLeadership(3).isAccepted()).isTrue();
        c.stabilize();
        assertThat(c.engine(3).status().role()).isEqualTo(Role.LEADER);
        assertThat(c.engine(3).status().term()).isEqualTo(term + 1);
        assertThat(c.engine(1).status().role()).isEqualTo(Role.FOLLOWER);
        c.propose(3, "b");
        c.tickAll(2);
        assertThat(c.node(1).appliedCommands()).extracting(String::new).containsExactly("a", "b");
    }

    @Test
    void aLaggingTargetIsCaughtUpFirstAndProposalsAreBusyMeanwhile() {
        TestCluster c = TestCluster.of(1, 2, 3);
        c.awaitLeader();
        c.tickAll(1);
        c.cut(1, 3);
        c.propose(1, "a");
        c.engine(1).transferLeadership(3);
        c.stabilize();
        assertThat(c.engine(1).propose("x".getBytes()).status()).isEqualTo(ProposeResult.Status.BUSY);
        assertThat(c.delivered).noneMatch(m -> m.type() == TIMEOUT_NOW);
        c.heal();
        c.tickAll(2);
        assertThat(c.engine(3).status().role()).isEqualTo(Role.LEADER);
        assertThat(c.node(3).store.lastIndex()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void anUnreachableTargetAbortsAfterAnElectionTimeout() {
        TestCluster c = TestCluster.of(1, 2, 3);
        c.awaitLeader();
        c.tickAll(1);
        c.cut(1, 3);
        c.dropWhen(m -> m.type() == APPEND && m.to() == 3);
        c.engine(1).propose("a".getBytes());
        c.engine(1).transferLeadership(3);
        c.stabilize();
        c.tickAll(TestCluster.ELECTION);
        assertThat(c.engine(1).status().role()).isEqualTo(Role.LEADER);
        assertThat(c.engine(1).propose("y".getBytes()).isAccepted()).isTrue();
    }

    @Test
    void transferToANonVoterIsInvalid() {
        TestCluster c = TestCluster.of(1, 2, 3);
        c.awaitLeader();
        assertThat(c.engine(1).transferLeadership(9).status()).isEqualTo(ProposeResult.Status.INVALID);
        assertThat(c.engine(2).transferLeadership(3).status()).isEqualTo(ProposeResult.Status.NOT_LEADER);
    }
}
