package io.synod.kv.consensus.paxos;

import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.api.Ready;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.synod.kv.consensus.paxos.PaxosMessage.Type.ACCEPT;
import static io.synod.kv.consensus.paxos.PaxosMessage.Type.ACCEPTED;
import static io.synod.kv.consensus.paxos.PaxosMessage.Type.PROMISE;
import static io.synod.kv.consensus.paxos.PaxosMessage.Type.SNAPSHOT;
import static org.assertj.core.api.Assertions.assertThat;

class PaxosReplicationTest {

    @Test
    void proposalsMadeTogetherTravelInOneAcceptAndCommitEverywhereInOrder() {
        PaxosTestCluster c = PaxosTestCluster.of(1, 2, 3);
        c.awaitLeader();
        c.delivered.clear();
        for (String s : List.of("a", "b", "c", "d")) {
            assertThat(c.engine(1).propose(s.getBytes()).isAccepted()).isTrue();
        }
        c.stabilize();
        // Several slots per message: one ACCEPT per acceptor carries all four proposals.
        assertThat(c.delivered).filteredOn(m -> m.type() == ACCEPT)
                .hasSize(2).allSatisfy(m -> assertThat(m.entries()).hasSize(4));
        c.tickAll(1);
        for (long id = 1; id <= 3; id++) {
            assertThat(c.node(id).appliedCommands())
                    .containsExactly("a".getBytes(), "b".getBytes(), "c".getBytes(), "d".getBytes());
        }
    }

    @Test
    void theWindowOfAcceptsInFlightIsBounded() {
        PaxosTestCluster c = new PaxosTestCluster(ConfState.ofVoters(List.of(1L, 2L, 3L)), Map.of(1L, 0),
                cfg -> PaxosTestCluster.limits(cfg, 2, 1, 1 << 20, 1024));
        c.awaitLeader();
        for (int i = 0; i < 6; i++) {
            c.engine(1).propose(("v" + i).getBytes());
        }
        Ready<PaxosMessage> rd = c.engine(1).ready();
        // One slot per message (tiny byte limit) and at most two messages per acceptor in flight.
        assertThat(rd.messages()).filteredOn(m -> m.type() == ACCEPT && m.to() == 2).hasSize(2)
                .allSatisfy(m -> assertThat(m.entries()).hasSize(1));
        c.handle(1, rd);
        c.stabilize();
        c.tickAll(2);
        assertThat(c.node(3).appliedCommands()).hasSize(6);
    }

    @Test
    void promisesAndAcceptancesLeaveOnlyAfterTheyArePersisted() {
        PaxosTestCluster c = PaxosTestCluster.of(1, 2, 3);
        c.awaitLeader();
        c.propose(1, "a");
        c.tickAll(2);
        for (long id = 2; id <= 3; id++) {
            for (Ready<PaxosMessage> rd : c.node(id).readies) {
                assertThat(rd.messages()).noneMatch(m -> m.type() == PROMISE || m.type() == ACCEPTED);
                if (rd.messagesAfterPersist().stream().anyMatch(m -> m.type() == ACCEPTED)) {
                    assertThat(rd.entries()).isNotEmpty();
                    assertThat(rd.mustSync()).isTrue();
                }
            }
        }
    }

    @Test
    void theLeaderCountsItsOwnAcceptanceOnlyOnceItIsDurable() {
        PaxosTestCluster c = PaxosTestCluster.of(1, 2, 3);
        c.awaitLeader();
        c.isolate(3);
        c.dropWhen(m -> m.to() == 2);
        long slot = c.engine(1).propose("a".getBytes()).index();
        Ready<PaxosMessage> rd = c.engine(1).ready();
        c.heal();
        c.isolate(3);
        // Node 2 accepts; the leader's own write is still in its outstanding Ready.
        rd.messages().forEach(c::send);
        while (c.deliverOne()) {
            c.process(2);
        }
        assertThat(c.engine(1).status().commitIndex()).isLessThan(slot);
        c.handle(1, rd);
        assertThat(c.engine(1).status().commitIndex()).isEqualTo(slot);
    }

    @Test
    void aLostAcceptIsSentAgainAsSoonAsALaterOneIsAcknowledged() {
        PaxosTestCluster c = PaxosTestCluster.of(1, 2, 3);
        c.awaitLeader();
        AtomicInteger acceptsToTwo = new AtomicInteger();
        c.dropWhen(m -> m.to() == 3 || (m.type() == ACCEPT && m.to() == 2 && acceptsToTwo.getAndIncrement() == 0));
        long first = c.engine(1).propose("a".getBytes()).index();
        c.process(1);
        long second = c.propose(1, "b");
        // No tick passed, so the stall timer did not fire: the gap was filled when b was acknowledged.
        assertThat(second).isGreaterThan(first);
        assertThat(c.engine(1).status().commitIndex()).isEqualTo(second);
        assertThat(c.node(2).appliedCommands()).hasSize(2);
    }

    @Test
    void aLaggingAcceptorCatchesUpFromTheLeader() {
        PaxosTestCluster c = PaxosTestCluster.of(1, 2, 3);
        c.awaitLeader();
        c.isolate(3);
        for (int i = 0; i < 5; i++) {
            c.propose(1, "v" + i);
        }
        c.tickAll(1);
        assertThat(c.node(3).appliedCommands()).isEmpty();
        c.heal();
        c.tickAll(PaxosTestCluster.ELECTION);
        assertThat(c.node(3).appliedCommands()).hasSize(5);
        assertThat(c.engine(3).status().commitIndex()).isEqualTo(c.engine(1).status().commitIndex());
    }

    @Test
    void anAcceptorBehindTheLeadersCheckpointGetsTheSnapshot() {
        PaxosTestCluster c = PaxosTestCluster.of(1, 2, 3);
        c.awaitLeader();
        c.isolate(3);
        for (int i = 0; i < 5; i++) {
            c.propose(1, "v" + i);
        }
        c.tickAll(1);
        PaxosTestCluster.Node leader = c.node(1);
        long checkpoint = leader.appliedIndex();
        byte[] state = "state-after-5".getBytes();
        leader.store.compact(checkpoint, state, leader.store.snapshotMeta().confState());
        c.propose(1, "after-checkpoint");
        c.heal();
        c.tickAll(PaxosTestCluster.ELECTION);
        assertThat(c.delivered).anyMatch(m -> m.type() == SNAPSHOT && m.to() == 3);
        assertThat(c.node(3).store.snapshotMeta().index()).isEqualTo(checkpoint);
        assertThat(c.node(3).store.snapshotData()).isEqualTo(state);
        assertThat(c.node(3).appliedCommands()).containsExactly("after-checkpoint".getBytes());
        assertThat(c.engine(3).status().commitIndex()).isEqualTo(c.engine(1).status().commitIndex());
    }

    @Test
    void aRestartedAcceptorKeepsItsPromiseAndAcceptedValues() {
        PaxosTestCluster c = PaxosTestCluster.of(1, 2, 3);
        c.awaitLeader();
        c.propose(1, "a");
        long promised = c.node(2).store.hardState().term();
        List<LogEntry> accepted = c.node(2).store.entries(1, c.node(2).store.lastIndex() + 1, Long.MAX_VALUE);
        c.restart(2);
        assertThat(c.engine(2).status().term()).isEqualTo(promised);
        assertThat(c.engine(2).status().lastIndex()).isEqualTo(accepted.get(accepted.size() - 1).index());
        c.propose(1, "b");
        c.tickAll(2);
        assertThat(c.node(2).appliedCommands()).containsExactly("a".getBytes(), "b".getBytes());
    }
}
