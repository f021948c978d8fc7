package io.synod.kv.consensus.paxos;

import io.synod.kv.consensus.api.EntryType;
import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.api.Role;
import org.junit.jupiter.api.Test;

import static io.synod.kv.consensus.paxos.PaxosMessage.Type.ACCEPT;
import static io.synod.kv.consensus.paxos.PaxosMessage.Type.ACCEPTED;
import static io.synod.kv.consensus.paxos.PaxosMessage.Type.PREPARE;
import static io.synod.kv.consensus.paxos.PaxosMessage.Type.PROMISE;
import static org.assertj.core.api.Assertions.assertThat;

class PaxosElectionTest {

    @Test
    void firstElectionRunsPhaseOneOnceAndOpensTheBallotWithANoop() {
        PaxosTestCluster c = PaxosTestCluster.of(1, 2, 3);
        assertThat(c.awaitLeader()).isEqualTo(1);
        long ballot = c.engine(1).status().term();
        assertThat(Ballot.round(ballot)).isEqualTo(1);
        assertThat(Ballot.node(ballot)).isEqualTo(1);
        assertThat(c.delivered).filteredOn(m -> m.type() == PREPARE).hasSize(2);
        assertThat(c.delivered).filteredOn(m -> m.type() == PROMISE).hasSize(2);
        c.propose(1, "a");
        c.propose(1, "b");
        c.tickAll(2);
        // Phase 1 ran once for the ballot, whatever was proposed after it.
        assertThat(c.delivered).filteredOn(m -> m.type() == PREPARE).hasSize(2);
        for (long id = 1; id <= 3; id++) {
            PaxosTestCluster.Node n = c.node(id);
            assertThat(n.applied.get(0).type()).isEqualTo(EntryType.NOOP);
            assertThat(n.appliedCommands()).containsExactly("a".getBytes(), "b".getBytes());
            assertThat(c.engine(id).status().leaderId()).isEqualTo(1);
            assertThat(n.store.hardState().term()).isEqualTo(ballot);
        }
    }

    @Test
    void aCandidateWithoutQuorumBacksOffAndRetriesWithAHigherBallot() {
        PaxosTestCluster c = PaxosTestCluster.of(1, 2, 3);
        c.isolate(1);
        long first = 0;
        for (int i = 0; i < 6 * PaxosTestCluster.ELECTION; i++) {
            c.tick(1);
            c.stabilize();
            long promised = c.node(1).store.hardState().term();
            if (first == 0 && promised != 0) {
                first = promised;
            }
        }
        assertThat(c.engine(1).status().role()).isNotEqualTo(Role.LEADER);
        assertThat(Ballot.round(c.node(1).store.hardState().term())).isGreaterThan(Ballot.round(first));
    }

    @Test
    void aLeaderCutOffFromItsQuorumStepsDown() {
        PaxosTestCluster c = PaxosTestCluster.of(1, 2, 3);
        c.awaitLeader();
        c.isolate(1);
        for (int i = 0; i < 2 * PaxosTestCluster.ELECTION; i++) {
            c.tick(1);
            c.stabilize();
        }
        assertThat(c.engine(1).status().role()).isNotEqualTo(Role.LEADER);
    }

    @Test
    void followersInTouchWithTheLeaderRefuseADisruptiveCandidate() {
        PaxosTestCluster c = PaxosTestCluster.of(1, 2, 3);
        c.awaitLeader();
        c.isolate(3);
        c.tickAll(8 * PaxosTestCluster.ELECTION);
        assertThat(Ballot.round(c.node(3).store.hardState().term())).isGreaterThan(1);
        c.heal();
        c.tickAll(3 * PaxosTestCluster.ELECTION);
        // Node 3's inflated promise preempts the leader's ballot, but the leader simply opens a
        // higher one: its followers stay with it, and node 3 never leads.
        assertThat(c.engine(1).status().role()).isEqualTo(Role.LEADER);
        c.propose(1, "after");
        c.tickAll(2);
        assertThat(c.node(3).appliedCommands()).containsExactly("after".getBytes());
    }

    @Test
    void aNewLeaderProposesAgainTheValueAcceptedInTheHighestBallot() {
        PaxosTestCluster c = PaxosTestCluster.of(1, 2, 3);
        c.awaitLeader();
        // Only node 2 accepts "x", and the leader never hears of it: x is accepted, not chosen.
        c.dropWhen(m -> m.type() == ACCEPT && m.to() == 3 || m.type() == ACCEPTED);
        long slot = c.propose(1, "x");
        c.node(1).down = true;
        c.heal();
        long leader = awaitLeaderAmong(c, 2, 3);
        c.tickAll(2);
        LogEntry atSlot = c.node(leader).applied.stream().filter(e -> e.index() == slot).findFirst().orElseThrow();
        assertThat(atSlot.data()).isEqualTo("x".getBytes());
        assertThat(atSlot.term()).isEqualTo(c.engine(leader).status().term());
        assertThat(c.node(5 - leader).appliedCommands()).containsExactly("x".getBytes());
    }

    @Test
    void holesLeftByALostProposalAreFilledWithNoops() {
        PaxosTestCluster c = PaxosTestCluster.of(1, 2, 3);
        c.awaitLeader();
        long hole = c.engine(1).status().lastIndex() + 1;
        c.dropWhen(m -> m.type() == ACCEPT && m.entries().stream().anyMatch(e -> e.index() == hole)
                || m.type() == ACCEPTED);
        c.engine(1).propose("lost".getBytes());
        c.stabilize();
        c.engine(1).propose("kept".getBytes());
        c.stabilize();
        assertThat(c.node(2).store.term(hole)).isZero();
        c.node(1).down = true;
        c.heal();
        long leader = awaitLeaderAmong(c, 2, 3);
        c.tickAll(2);
        PaxosTestCluster.Node n = c.node(leader);
        LogEntry filled = n.applied.stream().filter(e -> e.index() == hole).findFirst().orElseThrow();
        assertThat(filled.type()).isEqualTo(EntryType.NOOP);
        assertThat(n.appliedCommands()).containsExactly("kept".getBytes());
        assertThat(c.node(5 - leader).appliedCommands()).containsExactly("kept".getBytes());
    }

    @Test
    void aRestartedLeaderComesBackWithAHigherBallot() {
        PaxosTestCluster c = PaxosTestCluster.of(1);
        c.awaitLeader();
        long before = c.engine(1).status().term();
        c.propose(1, "a");
        c.restart(1);
        c.awaitLeader();
        assertThat(c.engine(1).status().term()).isGreaterThan(before);
        c.propose(1, "b");
        assertThat(c.node(1).appliedCommands()).containsExactly("a".getBytes(), "b".getBytes());
    }

    static long awaitLeaderAmong(PaxosTestCluster c, long... ids) {
        for (int i = 0; i < 10 * PaxosTestCluster.ELECTION; i++) {
            for (long id : ids) {
                if (c.engine(id).status().role() == Role.LEADER) {
                    return id;
                }
            }
            for (long id : ids) {
                c.tick(id);
            }
            c.stabilize();
        }
        throw new AssertionError("no leader among the live nodes");
    }
}
