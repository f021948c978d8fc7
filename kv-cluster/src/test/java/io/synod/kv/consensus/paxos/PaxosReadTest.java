package io.synod.kv.consensus.paxos;

import io.synod.kv.consensus.api.ProposeResult;
import org.junit.jupiter.api.Test;

import static io.synod.kv.consensus.paxos.PaxosMessage.Type.ACCEPTED;
import static io.synod.kv.consensus.paxos.PaxosMessage.Type.HEARTBEAT_ACK;
import static org.assertj.core.api.Assertions.assertThat;

class PaxosReadTest {

    @Test
    void aReadIsReleasedAtTheCommitIndexOnceAQuorumConfirmedTheBallot() {
        PaxosTestCluster c = PaxosTestCluster.of(1, 2, 3);
        c.awaitLeader();
        long slot = c.propose(1, "a");
        c.dropWhen(m -> m.type() == HEARTBEAT_ACK);
        assertThat(c.engine(1).requestRead(7).isAccepted()).isTrue();
        c.stabilize();
        assertThat(c.node(1).readStates).isEmpty();
        c.heal();
        assertThat(c.engine(1).requestRead(8).isAccepted()).isTrue();
        c.stabilize();
        assertThat(c.node(1).readStates).extracting(r -> r.readId()).contains(8L);
        assertThat(c.node(1).readStates).allSatisfy(r -> assertThat(r.index()).isEqualTo(slot));
    }

    @Test
    void aLeaderCutOffFromItsQuorumServesNoRead() {
        PaxosTestCluster c = PaxosTestCluster.of(1, 2, 3);
        c.awaitLeader();
        c.isolate(1);
        c.engine(1).requestRead(1);
        for (int i = 0; i < 3; i++) {
            c.tick(1);
            c.stabilize();
        }
        assertThat(c.node(1).readStates).isEmpty();
    }

    @Test
    void aReadWaitsUntilTheNewBallotCommittedItsOpeningSlot() {
        PaxosTestCluster c = PaxosTestCluster.of(1, 2, 3);
        c.awaitLeader();
        c.propose(1, "a");
        c.isolate(1);
        c.dropWhen(m -> m.type() == ACCEPTED);
        long leader = PaxosElectionTest.awaitLeaderAmong(c, 2, 3);
        long opening = c.engine(leader).status().lastIndex();
        assertThat(c.engine(leader).requestRead(5).isAccepted()).isTrue();
        c.stabilize();
        assertThat(c.node(leader).readStates).isEmpty();
        c.heal();
        c.isolate(1);
        c.tickAll(PaxosTestCluster.ELECTION);
        assertThat(c.node(leader).readStates).singleElement()
                .satisfies(r -> assertThat(r.index()).isGreaterThanOrEqualTo(opening));
    }

    @Test
    void aFollowerGetsItsReadIndexFromTheLeader() {
        PaxosTestCluster c = PaxosTestCluster.of(1, 2, 3);
        c.awaitLeader();
        long slot = c.propose(1, "a");
        assertThat(c.engine(2).requestRead(1).isAccepted()).isTrue();
        c.stabilize();
        assertThat(c.node(2).readStates).singleElement().satisfies(r -> {
            assertThat(r.readId()).isEqualTo(1);
            assertThat(r.index()).isEqualTo(slot);
        });
    }

    @Test
    void aReplicaThatKnowsNoLeaderRefusesReads() {
        PaxosTestCluster c = PaxosTestCluster.of(1, 2, 3);
        ProposeResult r = c.engine(2).requestRead(1);
        assertThat(r.status()).isEqualTo(ProposeResult.Status.NOT_LEADER);
        assertThat(r.leaderHint()).isZero();
    }

    @Test
    void aSingleNodeGroupReadsWithoutMessages() {
        PaxosTestCluster c = PaxosTestCluster.of(1);
        c.awaitLeader();
        c.propose(1, "a");
        c.engine(1).requestRead(3);
        c.stabilize();
        assertThat(c.node(1).readStates).singleElement().satisfies(r -> assertThat(r.readId()).isEqualTo(3));
    }
}
