package io.synod.kv.consensus.raft;

import io.synod.kv.consensus.api.EngineConfig;
import io.synod.kv.consensus.api.Role;
import org.junit.jupiter.api.Test;

import java.util.function.Function;

import static io.synod.kv.consensus.raft.RaftMessage.Type.INSTALL_SNAPSHOT;
import static io.synod.kv.consensus.raft.RaftMessage.Type.PRE_VOTE;
import static io.synod.kv.consensus.raft.RaftMessage.Type.PRE_VOTE_RESPONSE;
import static io.synod.kv.consensus.raft.RaftMessage.Type.VOTE;
import static io.synod.kv.consensus.raft.RaftMessage.Type.VOTE_RESPONSE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replica whose storage was found damaged restarts empty, keeping its term and vote, and until
 * it caught up judges elections by the log it lost (its repair floor): it votes only for
 * candidates at least as up to date as that log, and does not campaign with less. The leader
 * notices the lost entries and catches it up without a leader change.
 */
class RepairTest {

    private static final Function<EngineConfig, RaftEngine> CORRECT = RaftEngine::new;
    private static final Function<EngineConfig, RaftEngine> NO_ABSTENTION =
            c -> RaftEngine.withDefect(c, RaftDefect.REPAIR_WITHOUT_ABSTENTION);

    /**
     * Entry "e" is committed by nodes 1 and 2 while node 3 is cut off; then node 2's storage is
     * wiped and node 1 is cut off. Only node 2's forgotten acknowledgement stands between node 3
     * and a leadership that would lose "e".
     */
    private static TestCluster committedOnlyWithTheRepairedNodesHelp(Function<EngineConfig, RaftEngine> repaired) {
        TestCluster c = TestCluster.of(1, 2, 3);
        assertThat(c.awaitLeader()).isEqualTo(1);
        c.propose(1, "before");
        c.cut(1, 3);
        long e = c.propose(1, "e");
        assertThat(c.engine(2).status().commitIndex()).isGreaterThanOrEqualTo(e);
        assertThat(c.node(3).store.lastIndex()).isLessThan(e);

        c.wipeAndRepair(2, repaired);
        assertThat(c.node(2).store.repairFloor().index()).isEqualTo(e);
        c.heal();
        c.isolate(1);
        return c;
    }

    @Test
    void withoutAbstentionTheRepairedNodeElectsALeaderThatLostACommittedEntry() {
        TestCluster c = committedOnlyWithTheRepairedNodesHelp(NO_ABSTENTION);
        long e = c.node(1).store.lastIndex();
        c.tickAll(6 * TestCluster.ELECTION);

        long leader = leaderAmong(c, 2, 3);
        assertThat(leader).as("the broken repair lets node 3 win with node 2's vote").isEqualTo(3);
        assertThat(c.node(3).store.lastIndex() < e || c.node(3).store.term(e) != c.node(1).store.term(e))
                .as("the new leader's log lacks the committed entry").isTrue();
    }

    @Test
    void aRepairedNodeRefusesCandidatesBehindTheLogItLostAndDoesNotCampaign() {
        TestCluster c = committedOnlyWithTheRepairedNodesHelp(CORRECT);
        c.delivered.clear();
        c.tickAll(6 * TestCluster.ELECTION);

        assertThat(leaderAmong(c, 2, 3)).as("no leader without node 1, which holds the committed entry").isZero();
        assertThat(c.delivered).filteredOn(m -> m.from() == 2)
                .noneMatch(m -> m.type() == PRE_VOTE || m.type() == VOTE)
                .filteredOn(m -> m.type() == PRE_VOTE_RESPONSE || m.type() == VOTE_RESPONSE)
                .isNotEmpty()
                .allMatch(RaftMessage::reject);

        // A restart (the floor is durable) keeps it out too.
        c.restart(2);
        c.delivered.clear();
        c.tickAll(3 * TestCluster.ELECTION);
        assertThat(leaderAmong(c, 2, 3)).isZero();
        assertThat(c.delivered).filteredOn(m -> m.from() == 2).noneMatch(m -> m.type() == PRE_VOTE || m.type() == VOTE);

        // Back with node 1, the group elects a leader holding "e" and catches node 2 up past its floor.
        c.heal();
        long leader = c.awaitLeader();
        c.propose(leader, "after");
        c.tickAll(3);
        long e = c.node(2).store.repairFloor().index();
        assertThat(c.engine(2).status().commitIndex()).isGreaterThanOrEqualTo(e);
        for (long id = 1; id <= 3; id++) {
            assertThat(c.node(id).store.term(e)).as("node %d holds the committed entry", id)
                    .isEqualTo(c.node(1).store.term(e));
        }

        // Caught up, node 2 votes again: without the leader the other two elect one of them.
        c.isolate(leader);
        c.tickAll(6 * TestCluster.ELECTION);
        long[] others = c.nodes.keySet().stream().mapToLong(Long::longValue).filter(id -> id != leader).toArray();
        assertThat(leaderAmong(c, others)).isNotZero();
    }

    @Test
    void aCandidateAsUpToDateAsTheLostLogGetsTheRepairedNodesVoteBeforeItCaughtUp() {
        TestCluster c = TestCluster.of(1, 2, 3);
        long leader = c.awaitLeader();
        for (int i = 0; i < 5; i++) {
            c.propose(leader, "v" + i);
        }
        c.wipeAndRepair(2, CORRECT);
        c.isolate(1);
        c.tickAll(6 * TestCluster.ELECTION);

        assertThat(leaderAmong(c, 2, 3)).as("node 3 holds everything node 2 lost").isEqualTo(3);
        assertThat(c.node(2).store.repairFloor().reachedBy(c.node(3).store.lastIndex(), c.node(3).store.term(
                c.node(3).store.lastIndex()))).isTrue();
    }

    @Test
    void theLeaderCatchesAWipedFollowerUpByLogWithoutALeaderChange() {
        TestCluster c = TestCluster.of(1, 2, 3);
        long leader = c.awaitLeader();
        for (int i = 0; i < 12; i++) {
            c.propose(leader, "v" + i);
        }
        long term = c.engine(leader).status().term();
        c.wipeAndRepair(3, CORRECT);
        assertThat(c.node(3).store.lastIndex()).isZero();

        // Idle: the next heartbeat reveals the loss; no write is needed.
        c.tickAll(2);
        assertThat(c.node(3).store.lastIndex()).isEqualTo(c.node(1).store.lastIndex());
        assertThat(c.engine(3).status().commitIndex()).isEqualTo(c.engine(1).status().commitIndex());
        assertThat(c.node(3).appliedCommands()).hasSize(12);
        assertThat(c.engine(leader).status().role()).isEqualTo(Role.LEADER);
        assertThat(c.engine(leader).status().term()).isEqualTo(term);
        assertThat(c.engine(leader).status().progress().get(3L).match()).isEqualTo(c.node(1).store.lastIndex());
    }

    @Test
    void theLeaderCatchesAWipedFollowerUpBySnapshotOnceItsLogIsCompacted() {
        TestCluster c = TestCluster.of(1, 2, 3);
        long leader = c.awaitLeader();
        for (int i = 0; i < 12; i++) {
            c.propose(leader, "v" + i);
        }
        long applied = c.node(leader).appliedIndex();
        c.node(leader).store.compact(applied, new byte[] {1, 2, 3}, c.engine(leader).confStateAt(applied));
        c.wipeAndRepair(2, CORRECT);
        c.delivered.clear();

        c.propose(leader, "next");
        c.tickAll(3);
        assertThat(c.delivered).anyMatch(m -> m.type() == INSTALL_SNAPSHOT && m.to() == 2);
        assertThat(c.node(2).store.snapshotMeta().index()).isEqualTo(applied);
        assertThat(c.node(2).store.lastIndex()).isEqualTo(c.node(leader).store.lastIndex());
        assertThat(c.engine(leader).status().role()).isEqualTo(Role.LEADER);
    }

    @Test
    void aRejectionBelowTheMatchResetsTheProgressOnlyWhenItIsCurrent() {
        Progress p = new Progress(1, 8);
        p.maybeUpdate(10);
        p.becomeReplicate();
        assertThat(p.maybeDecrease(7, 3)).as("a rejection below the match is stale").isFalse();
        assertThat(p.match).isEqualTo(10);

        assertThat(p.maybeDecrease(10, 0)).as("the follower lost what it acknowledged").isTrue();
        assertThat(p.match).isZero();
        assertThat(p.next).isEqualTo(1);
        assertThat(p.state).isEqualTo(Progress.State.PROBE);

        p.maybeUpdate(10);
        assertThat(p.lostEntriesAfter(10)).isFalse();
        assertThat(p.lostEntriesAfter(4)).isTrue();
        assertThat(p.next).isEqualTo(5);
    }

    /** The leader among {@code ids}, or 0. */
    private static long leaderAmong(TestCluster c, long... ids) {
        for (long id : ids) {
            if (c.engine(id).status().role() == Role.LEADER) {
                return id;
            }
        }
        return 0;
    }
}
