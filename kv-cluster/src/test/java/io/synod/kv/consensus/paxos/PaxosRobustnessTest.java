package io.synod.kv.consensus.paxos;

import io.synod.kv.consensus.api.ConfChange;
import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.consensus.api.EngineConfig;
import io.synod.kv.consensus.api.EngineStatus;
import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.api.ProposeResult;
import io.synod.kv.consensus.api.RandomSource;
import io.synod.kv.consensus.api.Ready;
import io.synod.kv.consensus.api.SnapshotMeta;
import io.synod.kv.storage.mem.MemoryLogStore;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static io.synod.kv.consensus.paxos.PaxosMessage.Type.ACCEPT;
import static io.synod.kv.consensus.paxos.PaxosMessage.Type.ACCEPTED;
import static io.synod.kv.consensus.paxos.PaxosMessage.Type.COMMIT;
import static io.synod.kv.consensus.paxos.PaxosMessage.Type.HEARTBEAT;
import static io.synod.kv.consensus.paxos.PaxosMessage.Type.PREPARE;
import static io.synod.kv.consensus.paxos.PaxosMessage.Type.PROMISE;
import static io.synod.kv.consensus.paxos.PaxosMessage.Type.REJECT;
import static io.synod.kv.consensus.paxos.PaxosMessage.Type.SNAPSHOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaxosRobustnessTest {

    private static PaxosTestCluster settled() {
        PaxosTestCluster c = PaxosTestCluster.of(1, 2, 3);
        c.awaitLeader();
        c.propose(1, "a");
        c.tickAll(2);
        return c;
    }

    private static void assertIgnored(PaxosTestCluster c, long id, PaxosMessage m) {
        PaxosEngine e = c.engine(id);
        EngineStatus before = e.status();
        e.step(m);
        assertThat(e.status()).as("after %s", m).isEqualTo(before);
        assertThat(e.hasReady()).as("effects of %s", m).isFalse();
    }

    private static LogEntry entry(long slot, long ballot) {
        return LogEntry.normal(slot, ballot, new byte[] {1});
    }

    @Test
    void malformedMessagesChangeNothing() {
        PaxosTestCluster c = settled();
        long b = c.engine(1).status().term();
        long next = c.engine(2).status().lastIndex() + 1;
        PaxosMessage accept = PaxosMessage.of(ACCEPT, 1, 2, b).withCommit(next);
        assertIgnored(c, 2, accept);
        assertIgnored(c, 2, accept.withEntries(List.of(entry(next, b), entry(next + 2, b))));
        assertIgnored(c, 2, accept.withEntries(List.of(entry(next, b + 1))));
        assertIgnored(c, 2, accept.withEntries(List.of(entry(next, b))).withCommit(-1));
        assertIgnored(c, 2, PaxosMessage.of(ACCEPT, 3, 2, b).withEntries(List.of(entry(next, b))));
        assertIgnored(c, 2, PaxosMessage.of(ACCEPT, 1, 3, b).withEntries(List.of(entry(next, b))));
        assertIgnored(c, 2, PaxosMessage.of(ACCEPT, 2, 2, b).withEntries(List.of(entry(next, b))));
        assertIgnored(c, 2, PaxosMessage.of(HEARTBEAT, 0, 2, b));
        assertIgnored(c, 2, PaxosMessage.of(HEARTBEAT, 1, 2, -1));
        assertIgnored(c, 2, PaxosMessage.of(PREPARE, 3, 2, Ballot.of(99, 1)));
        assertIgnored(c, 2, PaxosMessage.of(PROMISE, 3, 2, b).withSlots(5, 0).withEntries(List.of(entry(4, 1))));
        assertIgnored(c, 1, PaxosMessage.of(ACCEPTED, 2, 1, b).withSlots(5, 4));
        SnapshotMeta meta = new SnapshotMeta(1, b, ConfState.ofVoters(List.of(1L, 2L, 3L)), 4, 0);
        assertIgnored(c, 2, PaxosMessage.of(SNAPSHOT, 1, 2, b).withSnapshot(meta, 2, new byte[] {1, 2, 3}, true));
        assertIgnored(c, 2, PaxosMessage.of(SNAPSHOT, 1, 2, b).withSnapshot(meta, 0, new byte[] {1}, true));
    }

    @Test
    void messagesFromNodesOutsideTheGroupAreIgnored() {
        PaxosTestCluster c = settled();
        long high = Ballot.of(50, 9);
        long next = c.engine(2).status().lastIndex() + 1;
        assertIgnored(c, 2, PaxosMessage.of(PREPARE, 9, 2, high));
        assertIgnored(c, 2, PaxosMessage.of(ACCEPT, 9, 2, high).withEntries(List.of(entry(next, high))));
        assertIgnored(c, 2, PaxosMessage.of(COMMIT, 9, 2, high).withCommit(next));
    }

    @Test
    void aProposalOfAStaleBallotIsRefusedAndLeavesTheLogAlone() {
        PaxosTestCluster c = settled();
        long stale = Ballot.of(0, 3);
        long next = c.engine(2).status().lastIndex() + 1;
        c.engine(2).step(PaxosMessage.of(ACCEPT, 3, 2, stale).withEntries(List.of(entry(next, stale))));
        Ready<PaxosMessage> rd = c.engine(2).ready();
        assertThat(rd.entries()).isEmpty();
        assertThat(rd.messagesAfterPersist()).singleElement().satisfies(m -> {
            assertThat(m.type()).isEqualTo(REJECT);
            assertThat(m.term()).isEqualTo(c.engine(1).status().term());
            assertThat(m.context()).isEqualTo(stale);
        });
        c.engine(2).advance(rd);
        assertThat(c.engine(2).status().lastIndex()).isEqualTo(next - 1);
    }

    @Test
    void aPrepareOfAStaleBallotGetsNoPromise() {
        PaxosTestCluster c = settled();
        c.engine(2).step(PaxosMessage.of(PREPARE, 3, 2, Ballot.of(0, 3)));
        Ready<PaxosMessage> rd = c.engine(2).ready();
        assertThat(rd.messagesAfterPersist()).singleElement().satisfies(m -> assertThat(m.type()).isEqualTo(REJECT));
        assertThat(rd.hardState()).isNull();
        c.engine(2).advance(rd);
    }

    @Test
    void randomGarbageNeverBreaksAReplica() {
        PaxosTestCluster c = settled();
        SplittableRandom r = new SplittableRandom(7);
        PaxosMessage.Type[] types = PaxosMessage.Type.values();
        for (int i = 0; i < 2_000; i++) {
            long ballot = r.nextInt(4) == 0 ? r.nextLong(-2, 1 << 20) : Ballot.of(r.nextInt(3), 1 + r.nextInt(3));
            long slot = r.nextLong(-1, 20);
            List<LogEntry> entries = r.nextBoolean() || slot < 1 ? List.of()
                    : List.of(entry(slot, Math.max(0, ballot)), entry(slot + 1, Math.max(0, ballot)));
            PaxosMessage m = PaxosMessage.of(types[r.nextInt(types.length)], 1 + r.nextInt(4), 2, ballot)
                    .withCommit(r.nextLong(-1, 20)).withSlots(slot, r.nextLong(-1, 20)).withEntries(entries)
                    .withContext(r.nextLong(-1, 5));
            c.engine(2).step(m);
            c.process(2);
            c.inFlight.clear();
        }
        c.heal();
        c.tickAll(3 * PaxosTestCluster.ELECTION);
        long leader = c.awaitLeader();
        c.propose(leader, "after-garbage");
        c.tickAll(2);
        for (long id = 1; id <= 3; id++) {
            assertThat(c.node(id).appliedCommands()).last().isEqualTo("after-garbage".getBytes());
        }
    }

    @Test
    void requestsThisEngineDoesNotServeAreAnsweredCleanly() {
        PaxosTestCluster c = settled();
        assertThat(c.engine(1).proposeConfChange(new ConfChange(ConfChange.Type.ADD_LEARNER, 4)).status())
                .isEqualTo(ProposeResult.Status.INVALID);
        assertThat(c.engine(1).transferLeadership(2).status()).isEqualTo(ProposeResult.Status.INVALID);
        assertThat(c.engine(1).propose(new byte[0]).status()).isEqualTo(ProposeResult.Status.INVALID);
        ProposeResult follower = c.engine(2).propose("x".getBytes());
        assertThat(follower.status()).isEqualTo(ProposeResult.Status.NOT_LEADER);
        assertThat(follower.leaderHint()).isEqualTo(1);
    }

    @Test
    void readyMustBeAdvancedBeforeTheNext() {
        PaxosTestCluster c = settled();
        c.engine(1).propose("x".getBytes());
        c.engine(1).ready();
        assertThatThrownBy(() -> c.engine(1).ready()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void nodeIdsMustFitTheBallot() {
        MemoryLogStore store = new MemoryLogStore(ConfState.ofVoters(List.of(1L, 70_000L)));
        assertThatThrownBy(() -> new PaxosEngine(EngineConfig.defaults(1, store, RandomSource.seeded(1), 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("70000");
        assertThat(Ballot.round(Ballot.of(7, 3))).isEqualTo(7);
        assertThat(Ballot.node(Ballot.of(7, 3))).isEqualTo(3);
        assertThat(Ballot.of(2, 1)).isGreaterThan(Ballot.of(1, 9));
        assertThat(Ballot.above(Ballot.of(4, 9), 1)).isEqualTo(Ballot.of(5, 1));
    }
}
