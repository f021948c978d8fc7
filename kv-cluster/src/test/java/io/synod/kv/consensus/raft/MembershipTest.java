package io.synod.kv.consensus.raft;

import io.synod.kv.consensus.api.ConfChange;
import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.consensus.api.ProposeResult;
import io.synod.kv.consensus.api.Role;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.synod.kv.consensus.api.ConfChange.Type.ADD_LEARNER;
import static io.synod.kv.consensus.api.ConfChange.Type.ADD_VOTER;
import static io.synod.kv.consensus.api.ConfChange.Type.PROMOTE_LEARNER;
import static io.synod.kv.consensus.api.ConfChange.Type.REMOVE_NODE;
import static org.assertj.core.api.Assertions.assertThat;

class MembershipTest {

    /**
     * A joining replica bootstraps with the group's initial membership, like every other replica:
     * membership is that bootstrap state followed by the log's CONF_CHANGE entries.
     */
    private static final ConfState INITIAL = ConfState.ofVoters(List.of(1L, 2L, 3L));

    private static TestCluster stableCluster() {
        TestCluster c = TestCluster.of(1, 2, 3);
        c.awaitLeader();
        c.tickAll(2);
        return c;
    }

    private static void change(TestCluster c, long leader, ConfChange.Type type, long node) {
        ProposeResult r = c.engine(leader).proposeConfChange(new ConfChange(type, node));
        assertThat(r.isAccepted()).as("%s %d: %s", type, node, r).isTrue();
        c.stabilize();
        c.tickAll(2);
    }

    @Test
    void aNewLearnerReceivesTheLogButNeitherVotesInQuorumsNorCampaigns() {
        TestCluster c = stableCluster();
        c.propose(1, "a");
        c.add(4, INITIAL);
        change(c, 1, ADD_LEARNER, 4);
        assertThat(c.engine(4).status().role()).isEqualTo(Role.LEARNER);
        assertThat(c.node(4).appliedCommands()).extracting(String::new).containsExactly("a");
        assertThat(c.engine(1).status().confState().learners()).containsExactly(4L);
        c.cut(1, 2);
        c.cut(1, 3);
        long commit = c.engine(1).status().commitIndex();
        c.engine(1).propose("b".getBytes());
        c.stabilize();
        assertThat(c.engine(1).status().commitIndex()).isEqualTo(commit);
        c.isolate(1);
        c.tickAll(6 * TestCluster.ELECTION);
        assertThat(c.engine(4).status().role()).isEqualTo(Role.LEARNER);
        assertThat(c.engine(4).status().term()).isEqualTo(c.engine(2).status().term());
    }

    @Test
    void aPromotedLearnerBecomesAVoter() {
        TestCluster c = stableCluster();
        c.add(4, INITIAL);
        change(c, 1, ADD_LEARNER, 4);
        change(c, 1, PROMOTE_LEARNER, 4);
        assertThat(c.engine(4).status().role()).isEqualTo(Role.FOLLOWER);
        for (long id = 1; id <= 4; id++) {
            assertThat(c.engine(id).status().confState().voters()).containsExactly(1L, 2L, 3L, 4L);
        }
        c.cut(1, 2);
        long commit = c.engine(1).status().commitIndex();
        c.propose(1, "needs three of four");
        assertThat(c.engine(1).status().commitIndex()).isEqualTo(commit + 1);
    }

    @Test
    void onlyOneUncommittedChangeAtATimeAndOnlyAfterACommitInTheTerm() {
        TestCluster c = TestCluster.of(1, 2, 3);
        c.dropWhen(m -> m.type() == RaftMessage.Type.APPEND_RESPONSE);
        c.awaitLeader();
        assertThat(c.engine(1).proposeConfChange(new ConfChange(ADD_LEARNER, 4)).status())
                .isEqualTo(ProposeResult.Status.BUSY);
        c.heal();
        c.tickAll(2);
        c.cut(1, 2);
        c.cut(1, 3);
        assertThat(c.engine(1).proposeConfChange(new ConfChange(ADD_LEARNER, 4)).isAccepted()).isTrue();
        assertThat(c.engine(1).proposeConfChange(new ConfChange(ADD_LEARNER, 5)).status())
                .isEqualTo(ProposeResult.Status.BUSY);
        assertThat(c.engine(1).status().confState().learners()).as("effective when appended").containsExactly(4L);
    }

    @Test
    void pointlessChangesAreInvalid() {
        TestCluster c = stableCluster();
        assertThat(c.engine(1).proposeConfChange(new ConfChange(ADD_VOTER, 2)).status())
                .isEqualTo(ProposeResult.Status.INVALID);
        assertThat(c.engine(1).proposeConfChange(new ConfChange(PROMOTE_LEARNER, 2)).status())
                .isEqualTo(ProposeResult.Status.INVALID);
        assertThat(c.engine(1).proposeConfChange(new ConfChange(REMOVE_NODE, 9)).status())
                .isEqualTo(ProposeResult.Status.INVALID);
    }

    @Test
    void aRemovedLeaderStepsDownAfterCommittingItsRemovalAndNeverCampaigns() {
        TestCluster c = stableCluster();
        change(c, 1, REMOVE_NODE, 1);
        assertThat(c.engine(1).status().role()).isEqualTo(Role.FOLLOWER);
        long removalIndex = c.engine(1).status().lastIndex();
        assertThat(c.engine(2).status().commitIndex()).isGreaterThanOrEqualTo(removalIndex);
        c.tickAll(4 * TestCluster.ELECTION);
        long leader = c.engine(2).status().leaderId();
        assertThat(leader).isIn(2L, 3L);
        assertThat(c.engine(leader).status().confState().voters()).containsExactly(2L, 3L);
        assertThat(c.engine(1).status().role()).isNotEqualTo(Role.LEADER);
        c.propose(leader, "without 1");
        assertThat(c.node(leader == 2 ? 3 : 2).appliedCommands()).extracting(String::new).containsExactly("without 1");
    }

    @Test
    void messagesFromARemovedNodeAreIgnored() {
        TestCluster c = stableCluster();
        change(c, 1, REMOVE_NODE, 3);
        long term = c.engine(2).status().term();
        c.engine(2).step(RaftMessage.of(RaftMessage.Type.APPEND_RESPONSE, 3, 2, term + 5).withLog(0, 100));
        c.engine(1).step(RaftMessage.of(RaftMessage.Type.HEARTBEAT_RESPONSE, 3, 1, term + 5));
        assertThat(c.engine(2).status().term()).isEqualTo(term);
        assertThat(c.engine(1).status().role()).isEqualTo(Role.LEADER);
        assertThat(c.engine(1).status().term()).isEqualTo(term);
    }

    @Test
    void membershipSurvivesRestartByReplayingTheLog() {
        TestCluster c = stableCluster();
        c.add(4, INITIAL);
        change(c, 1, ADD_LEARNER, 4);
        c.restart(2);
        c.restart(4);
        assertThat(c.engine(2).status().confState().learners()).containsExactly(4L);
        assertThat(c.engine(4).status().role()).isEqualTo(Role.LEARNER);
    }
}
