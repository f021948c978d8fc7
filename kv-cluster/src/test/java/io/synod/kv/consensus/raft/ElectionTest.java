package io.synod.kv.consensus.raft;

import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.consensus.api.Role;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ElectionTest {

    @Test
    void theNodeWithTheShortestTimeoutIsElectedAndOthersFollow() {
        TestCluster c = TestCluster.of(1, 2, 3);
        assertThat(c.awaitLeader()).isEqualTo(1);
        long term = c.engine(1).status().term();
        for (long id = 2; id <= 3; id++) {
            assertThat(c.engine(id).status().role()).isEqualTo(Role.FOLLOWER);
            assertThat(c.engine(id).status().leaderId()).isEqualTo(1);
            assertThat(c.engine(id).status().term()).isEqualTo(term);
            assertThat(c.node(id).store.hardState().vote()).isEqualTo(1);
        }
    }

    @Test
    void aPartitionedNodeWithPreVoteDoesNotDisruptTheLeaderWhenItReturns() {
        TestCluster c = TestCluster.of(1, 2, 3);
        c.awaitLeader();
        long term = c.engine(1).status().term();
        c.isolate(3);
        c.tickAll(5 * TestCluster.ELECTION);
        assertThat(c.engine(3).status().term()).isEqualTo(term);
        c.heal();
        c.tickAll(3);
        assertThat(c.engine(1).status().role()).isEqualTo(Role.LEADER);
        assertThat(c.engine(1).status().term()).isEqualTo(term);
        assertThat(c.engine(3).status().leaderId()).isEqualTo(1);
    }

    @Test
    void withoutPreVoteAPartitionedNodeRaisesItsTerm() {
        TestCluster c = TestCluster.plain(1, 2, 3);
        c.awaitLeader();
        long term = c.engine(1).status().term();
        c.isolate(3);
        c.tickAll(5 * TestCluster.ELECTION);
        assertThat(c.engine(3).status().term()).isGreaterThan(term);
    }

    @Test
    void checkQuorumMakesAnIsolatedLeaderStepDown() {
        TestCluster c = TestCluster.of(1, 2, 3);
        c.awaitLeader();
        c.isolate(1);
        // Within two check-quorum periods: the first may still see activity from before the cut.
        c.tickAll(2 * TestCluster.ELECTION);
        assertThat(c.engine(1).status().role()).isEqualTo(Role.FOLLOWER);
        c.tickAll(3 * TestCluster.ELECTION);
        long newLeader = c.engine(2).status().leaderId();
        assertThat(newLeader).isIn(2L, 3L);
        assertThat(c.engine(newLeader).status().role()).isEqualTo(Role.LEADER);
    }

    @Test
    void followersThatHeardFromTheLeaderIgnoreVotesOfHigherTerms() {
        TestCluster c = new TestCluster(ConfState.ofVoters(List.of(1L, 2L, 3L)), Map.of(1L, 0),
                cfg -> TestCluster.flags(cfg, false, true, false));
        c.awaitLeader();
        long term = c.engine(1).status().term();
        c.cut(1, 3);
        c.tickAll(3 * TestCluster.ELECTION);
        assertThat(c.engine(3).status().term()).isGreaterThan(term);
        assertThat(c.engine(2).status().term()).isEqualTo(term);
        assertThat(c.engine(1).status().role()).isEqualTo(Role.LEADER);
        assertThat(c.engine(1).status().term()).isEqualTo(term);
    }

    @Test
    void aVoteIsPersistedBeforeItIsSentAndNotGivenTwiceInATerm() {
        TestCluster c = TestCluster.plain(1, 2, 3);
        RaftEngine e = c.engine(2);
        e.step(RaftMessage.of(RaftMessage.Type.VOTE, 1, 2, 5).withLog(0, 0));
        var rd = e.ready();
        assertThat(rd.hardState().vote()).isEqualTo(1);
        assertThat(rd.hardState().term()).isEqualTo(5);
        assertThat(rd.mustSync()).isTrue();
        assertThat(rd.messages()).isEmpty();
        assertThat(rd.messagesAfterPersist()).singleElement()
                .satisfies(m -> assertThat(m.reject()).isFalse());
        e.advance(rd);
        e.step(RaftMessage.of(RaftMessage.Type.VOTE, 3, 2, 5).withLog(0, 0));
        rd = e.ready();
        assertThat(rd.messagesAfterPersist()).singleElement().satisfies(m -> assertThat(m.reject()).isTrue());
        e.advance(rd);
    }

    @Test
    void aCandidateWithAStaleLogIsRefused() {
        TestCluster c = TestCluster.plain(1, 2, 3);
        c.awaitLeader();
        c.propose(1, "x");
        RaftEngine e = c.engine(2);
        long term = e.status().term();
        e.step(RaftMessage.of(RaftMessage.Type.VOTE, 3, 2, term + 1).withLog(1, 1));
        var rd = e.ready();
        assertThat(rd.messagesAfterPersist()).singleElement().satisfies(m -> assertThat(m.reject()).isTrue());
        e.advance(rd);
    }

    @Test
    void restartRecoversTermVoteLogAndDoesNotReapply() {
        TestCluster c = TestCluster.of(1, 2, 3);
        c.awaitLeader();
        c.propose(1, "a");
        c.propose(1, "b");
        c.tickAll(2);
        long term = c.engine(1).status().term();
        for (long id = 1; id <= 3; id++) {
            c.restart(id);
            assertThat(c.engine(id).status().term()).isEqualTo(term);
            assertThat(c.engine(id).status().lastIndex()).isEqualTo(3);
            assertThat(c.engine(id).status().role()).isEqualTo(Role.FOLLOWER);
        }
        long leader = c.awaitLeader();
        c.propose(leader, "c");
        c.tickAll(2);
        for (long id = 1; id <= 3; id++) {
            assertThat(c.node(id).appliedCommands()).extracting(String::new).containsExactly("a", "b", "c");
        }
    }
}
