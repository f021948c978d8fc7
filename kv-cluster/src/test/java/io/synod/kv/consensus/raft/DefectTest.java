package io.synod.kv.consensus.raft;

import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.api.Ready;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.synod.kv.consensus.raft.RaftMessage.Type.APPEND;
import static io.synod.kv.consensus.raft.RaftMessage.Type.APPEND_RESPONSE;
import static io.synod.kv.consensus.raft.RaftMessage.Type.VOTE;
import static io.synod.kv.consensus.raft.RaftMessage.Type.VOTE_RESPONSE;
import static org.assertj.core.api.Assertions.assertThat;

/** Each injected defect visibly breaks the rule the correct engine keeps (see the other tests). */
class DefectTest {

    @Test
    void commitPreviousTermMajorityCommitsTheFigure8Entry() {
        TestCluster c = CommitRuleTest.figure8Cluster();
        c.replaceEngine(1, cfg -> RaftEngine.withDefect(cfg, RaftDefect.COMMIT_PREVIOUS_TERM_MAJORITY));
        CommitRuleTest.runFigure8(c);
        assertThat(c.engine(1).status().commitIndex()).isEqualTo(2);
        assertThat(c.node(1).appliedCommands()).extracting(String::new).containsExactly("x");
    }

    @Test
    void doubleVoteGrantsTwoCandidatesInOneTerm() {
        TestCluster c = TestCluster.plain(1, 2, 3);
        c.replaceEngine(2, cfg -> RaftEngine.withDefect(cfg, RaftDefect.DOUBLE_VOTE));
        RaftEngine e = c.engine(2);
        e.step(RaftMessage.of(VOTE, 1, 2, 5).withLog(0, 0));
        e.step(RaftMessage.of(VOTE, 3, 2, 5).withLog(0, 0));
        Ready<RaftMessage> rd = e.ready();
        assertThat(rd.messagesAfterPersist()).filteredOn(m -> m.type() == VOTE_RESPONSE && !m.reject()).hasSize(2);
    }

    @Test
    void ackBeforePersistSendsAcknowledgementsEarly() {
        TestCluster c = TestCluster.plain(1, 2, 3);
        c.replaceEngine(2, cfg -> RaftEngine.withDefect(cfg, RaftDefect.ACK_BEFORE_PERSIST));
        RaftEngine e = c.engine(2);
        e.step(RaftMessage.of(VOTE, 1, 2, 5).withLog(0, 0));
        e.step(RaftMessage.of(APPEND, 1, 2, 5).withLog(0, 0)
                .withEntries(List.of(LogEntry.normal(1, 5, new byte[] {1}))));
        Ready<RaftMessage> rd = e.ready();
        assertThat(rd.entries()).hasSize(1);
        assertThat(rd.messagesAfterPersist()).isEmpty();
        assertThat(rd.messages()).extracting(RaftMessage::type).containsExactly(VOTE_RESPONSE, APPEND_RESPONSE);
    }
}
