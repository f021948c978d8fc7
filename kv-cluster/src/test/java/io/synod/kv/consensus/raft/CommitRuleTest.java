package io.synod.kv.consensus.raft;

import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.api.ProposeResult;
import io.synod.kv.consensus.api.Ready;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.synod.kv.consensus.raft.RaftMessage.Type.APPEND;
import static io.synod.kv.consensus.raft.RaftMessage.Type.APPEND_RESPONSE;
import static org.assertj.core.api.Assertions.assertThat;

class CommitRuleTest {

    /** Plain Raft, one entry per APPEND so a test can let old-term entries through alone. */
    static TestCluster figure8Cluster() {
        return new TestCluster(ConfState.ofVoters(List.of(1L, 2L, 3L)), Map.of(1L, 0),
                c -> TestCluster.limits(TestCluster.flags(c, false, false, false), 8, 30, 1 << 20, 1024));
    }

    /**
     * Raft paper Figure 8: leader 1 (term t1) holds x at index 2 alone; 2 leads a later term with
     * its own index 2 but replicates nothing; 1 returns in an even later term and copies x to 3,
     * while its own current-term entries do not get through. x is on a majority yet must not be
     * committed: 2 could still be elected and overwrite it. Returns the cluster at that point.
     */
    static TestCluster runFigure8(TestCluster c) {
        c.awaitLeader();
        c.tickAll(2);
        c.isolate(1);
        c.engine(1).propose("x".getBytes());
        c.stabilize();
        c.dropWhen(m -> m.type() == APPEND && m.from() == 2);
        c.tickUntilLeader(2);
        c.heal();
        c.isolate(2);
        c.tickAll(1);
        c.intercept(m -> m.type() == APPEND && m.from() == 1
                ? m.withEntries(m.entries().stream().filter(e -> e.term() < m.term()).toList())
                : m);
        c.tickUntilLeader(1);
        c.tickAll(3);
        return c;
    }

    @Test
    void entriesOfPreviousTermsAreNotCommittedByCountingReplicas() {
        TestCluster c = runFigure8(figure8Cluster());
        assertThat(c.node(3).store.term(2)).isEqualTo(c.node(1).store.term(2));
        assertThat(c.engine(1).status().progress().get(3L).match()).isEqualTo(2);
        assertThat(c.engine(1).status().commitIndex()).isEqualTo(1);
        c.heal();
        c.tickAll(2);
        assertThat(c.engine(1).status().commitIndex()).isEqualTo(3);
        assertThat(c.node(3).appliedCommands()).extracting(String::new).containsExactly("x");
    }

    @Test
    void fastBacktrackingSkipsAWholeTermOfConflictingEntries() {
        TestCluster c = TestCluster.plain(1, 2, 3);
        c.awaitLeader();
        c.isolate(1);
        for (int i = 0; i < 30; i++) {
            c.engine(1).propose(("stale" + i).getBytes());
        }
        c.stabilize();
        c.tickUntilLeader(2);
        for (int i = 0; i < 5; i++) {
            c.propose(2, "new" + i);
        }
        c.heal();
        c.delivered.clear();
        c.tickAll(3);
        long rejects = c.delivered.stream().filter(m -> m.type() == APPEND_RESPONSE && m.reject() && m.from() == 1).count();
        assertThat(rejects).isLessThanOrEqualTo(2);
        assertThat(c.node(1).store.lastIndex()).isEqualTo(c.node(2).store.lastIndex());
        assertThat(c.node(1).appliedCommands()).extracting(String::new)
                .containsExactly("new0", "new1", "new2", "new3", "new4");
    }

    @Test
    void leaderCountsItsOwnEntriesOnlyAfterPersistingThem() {
        TestCluster c = TestCluster.of(1, 2, 3);
        c.awaitLeader();
        c.tickAll(1);
        long commit = c.engine(1).status().commitIndex();
        RaftEngine leader = c.engine(1);
        leader.propose("p".getBytes());
        Ready<RaftMessage> rd = leader.ready();
        assertThat(rd.entries()).hasSize(1);
        assertThat(rd.mustSync()).isTrue();
        assertThat(rd.messages()).filteredOn(m -> m.type() == APPEND).hasSize(2);
        RaftMessage toTwo = rd.messages().stream().filter(m -> m.to() == 2).findFirst().orElseThrow();
        c.engine(2).step(toTwo);
        Ready<RaftMessage> follower = c.engine(2).ready();
        assertThat(follower.entries()).hasSize(1);
        assertThat(follower.messages()).isEmpty();
        assertThat(follower.messagesAfterPersist()).singleElement()
                .satisfies(m -> assertThat(m.type()).isEqualTo(APPEND_RESPONSE));
        c.node(2).store.append(follower.entries());
        c.engine(2).advance(follower);
        leader.step(follower.messagesAfterPersist().get(0));
        assertThat(leader.status().commitIndex()).as("one follower + unpersisted leader is no quorum").isEqualTo(commit);
        assertThat(leader.status().progress().get(1L).match()).isEqualTo(commit);
        c.node(1).store.append(rd.entries());
        leader.advance(rd);
        assertThat(leader.status().progress().get(1L).match()).isEqualTo(commit + 1);
        assertThat(leader.status().commitIndex()).isEqualTo(commit + 1);
    }

    @Test
    void pipeliningIsBoundedByTheInflightWindowAndBatchesByBytes() {
        TestCluster c = new TestCluster(ConfState.ofVoters(List.of(1L, 2L, 3L)), Map.of(1L, 0),
                cfg -> TestCluster.limits(cfg, 3, 60, 1 << 20, 1024));
        c.awaitLeader();
        c.tickAll(1);
        c.dropWhen(m -> m.type() == APPEND_RESPONSE);
        for (int i = 0; i < 20; i++) {
            c.engine(1).propose(("e" + i).getBytes());
        }
        Ready<RaftMessage> rd = c.engine(1).ready();
        List<RaftMessage> toTwo = rd.messages().stream().filter(m -> m.type() == APPEND && m.to() == 2).toList();
        assertThat(toTwo).hasSize(3);
        assertThat(toTwo).allSatisfy(m -> assertThat(m.entries()).hasSize(2));
        assertThat(toTwo.get(1).index()).isEqualTo(toTwo.get(0).entries().get(1).index());
        c.handle(1, rd);
        c.heal();
        c.tickAll(5);
        assertThat(c.node(2).appliedCommands()).hasSize(20);
    }

    @Test
    void tooManyUncommittedBytesMakeProposalsBusy() {
        TestCluster c = new TestCluster(ConfState.ofVoters(List.of(1L, 2L, 3L)), Map.of(1L, 0),
                cfg -> TestCluster.limits(cfg, 8, 1 << 16, 200, 1024));
        c.awaitLeader();
        c.tickAll(1);
        c.isolate(1);
        ProposeResult r;
        int accepted = 0;
        do {
            r = c.engine(1).propose("0123456789".getBytes());
            accepted += r.isAccepted() ? 1 : 0;
        } while (r.isAccepted() && accepted < 100);
        assertThat(r.status()).isEqualTo(ProposeResult.Status.BUSY);
        assertThat(accepted).isBetween(5, 6);
        c.heal();
        c.tickAll(3);
        assertThat(c.engine(1).propose("later".getBytes()).isAccepted()).isTrue();
    }

    @Test
    void appliedEntriesStartAfterTheAppliedIndexOnRestart() {
        TestCluster c = TestCluster.of(1, 2, 3);
        c.awaitLeader();
        c.propose(1, "a");
        c.propose(1, "b");
        c.tickAll(2);
        List<LogEntry> before = List.copyOf(c.node(2).applied);
        c.restart(2);
        c.stabilize();
        assertThat(c.node(2).applied).isEqualTo(before);
    }
}
