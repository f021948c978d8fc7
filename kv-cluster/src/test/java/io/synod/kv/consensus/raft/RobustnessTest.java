package io.synod.kv.consensus.raft;

import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.consensus.api.EngineStatus;
import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.api.Ready;
import io.synod.kv.consensus.api.Role;
import io.synod.kv.consensus.api.SnapshotMeta;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.synod.kv.consensus.raft.RaftMessage.Type.APPEND;
import static io.synod.kv.consensus.raft.RaftMessage.Type.APPEND_RESPONSE;
import static io.synod.kv.consensus.raft.RaftMessage.Type.HEARTBEAT;
import static io.synod.kv.consensus.raft.RaftMessage.Type.INSTALL_SNAPSHOT;
import static io.synod.kv.consensus.raft.RaftMessage.Type.TIMEOUT_NOW;
import static io.synod.kv.consensus.raft.RaftMessage.Type.VOTE;
import static io.synod.kv.consensus.raft.RaftMessage.Type.VOTE_RESPONSE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RobustnessTest {

    private static TestCluster settled() {
        TestCluster c = TestCluster.of(1, 2, 3);
        c.awaitLeader();
        c.propose(1, "a");
        c.tickAll(2);
        return c;
    }

    private static void assertIgnored(TestCluster c, long id, RaftMessage m) {
        RaftEngine e = c.engine(id);
        EngineStatus before = e.status();
        e.step(m);
        assertThat(e.status()).as("after %s", m).isEqualTo(before);
        assertThat(e.hasReady()).as("effects of %s", m).isFalse();
    }

    private static LogEntry entry(long index, long term) {
        return LogEntry.normal(index, term, new byte[] {1});
    }

    @Test
    void malformedMessagesChangeNothing() {
        TestCluster c = settled();
        long term = c.engine(2).status().term();
        long last = c.engine(2).status().lastIndex();
        long lastTerm = c.node(2).store.term(last);
        RaftMessage append = RaftMessage.of(APPEND, 1, 2, term).withLog(lastTerm, last).withCommit(last);
        assertIgnored(c, 2, append.withEntries(List.of(entry(last + 1, term), entry(last + 3, term))));
        assertIgnored(c, 2, append.withEntries(List.of(entry(last + 1, term + 1))));
        assertIgnored(c, 2, append.withEntries(List.of(entry(last + 2, term))));
        assertIgnored(c, 2, append.withLog(lastTerm, -1));
        assertIgnored(c, 2, append.withCommit(-5));
        assertIgnored(c, 2, RaftMessage.of(APPEND, 1, 2, -1));
        assertIgnored(c, 2, RaftMessage.of(APPEND, 1, 3, term));
        assertIgnored(c, 2, RaftMessage.of(APPEND, 2, 2, term));
        assertIgnored(c, 2, RaftMessage.of(HEARTBEAT, 0, 2, term));
        assertIgnored(c, 2, RaftMessage.of(VOTE, 3, 2, term + 1).withLog(term + 2, 50));
        SnapshotMeta meta = new SnapshotMeta(5, term, ConfState.ofVoters(List.of(1L, 2L, 3L)), 10, 0);
        RaftMessage chunk = RaftMessage.of(INSTALL_SNAPSHOT, 1, 2, term);
        assertIgnored(c, 2, chunk.withSnapshot(meta, 8, new byte[5], true));
        assertIgnored(c, 2, chunk.withSnapshot(meta, 0, new byte[4], true));
        assertIgnored(c, 2, chunk.withSnapshot(null, 0, new byte[4], false));
        assertIgnored(c, 2, chunk.withSnapshot(new SnapshotMeta(5, term + 1, meta.confState(), 10, 0), 0, new byte[4], false));
    }

    @Test
    void messagesFromNonMembersAreIgnoredExceptFromLeadersAndCandidates() {
        TestCluster c = settled();
        long term = c.engine(1).status().term();
        assertIgnored(c, 1, RaftMessage.of(APPEND_RESPONSE, 9, 1, term).withLog(0, 2));
        assertIgnored(c, 1, RaftMessage.of(VOTE_RESPONSE, 9, 1, term + 3));
        assertIgnored(c, 2, RaftMessage.of(TIMEOUT_NOW, 9, 2, term));
        assertIgnored(c, 2, RaftMessage.of(VOTE, 9, 2, term + 1).withLog(term, 100));
    }

    @Test
    void staleTermsAreAnsweredWithTheCurrentTermAndChangeNothing() {
        TestCluster c = settled();
        c.engine(1).transferLeadership(3);
        c.stabilize();
        RaftEngine follower = c.engine(2);
        EngineStatus before = follower.status();
        long term = before.term();
        assertThat(term).isEqualTo(2);
        follower.step(RaftMessage.of(APPEND, 3, 2, term - 1).withLog(0, 0).withEntries(List.of(entry(1, term - 1))));
        follower.step(RaftMessage.of(VOTE, 3, 2, term - 1).withLog(term - 1, 99));
        assertThat(follower.status()).isEqualTo(before);
        Ready<RaftMessage> rd = follower.ready();
        assertThat(rd.entries()).isEmpty();
        assertThat(rd.hardState()).isNull();
        assertThat(rd.messagesAfterPersist()).hasSize(2).allSatisfy(m -> {
            assertThat(m.term()).isEqualTo(term);
            assertThat(m.to()).isEqualTo(3);
        });
        follower.advance(rd);
    }

    @Test
    void aStaleLeaderLearnsTheNewTermAndStepsDown() {
        TestCluster c = TestCluster.plain(1, 2, 3);
        c.awaitLeader();
        c.isolate(1);
        c.tickUntilLeader(2);
        c.heal();
        c.tickAll(2);
        assertThat(c.engine(1).status().role()).isEqualTo(Role.FOLLOWER);
        assertThat(c.engine(1).status().leaderId()).isEqualTo(2);
    }

    @Test
    void onlyOneReadyAtATime() {
        TestCluster c = TestCluster.of(1, 2, 3);
        c.engine(1).step(RaftMessage.of(VOTE, 2, 1, 3).withLog(0, 0));
        Ready<RaftMessage> rd = c.engine(1).ready();
        assertThatThrownBy(() -> c.engine(1).ready())
                .isInstanceOf(IllegalStateException.class);
        c.engine(1).advance(rd);
    }
}
