package io.synod.kv.consensus.raft;

import io.synod.kv.consensus.api.EntryType;
import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.api.ProposeResult;
import io.synod.kv.consensus.api.Role;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplicationTest {

    @Test
    void leaderReplicatesAndEveryNodeAppliesInOrder() {
        TestCluster c = TestCluster.of(1, 2, 3);
        assertThat(c.awaitLeader()).isEqualTo(1);
        c.propose(1, "a");
        c.propose(1, "b");
        c.tickAll(2);
        for (long id = 1; id <= 3; id++) {
            assertThat(c.node(id).appliedCommands()).extracting(String::new).containsExactly("a", "b");
            assertThat(c.engine(id).status().commitIndex()).isEqualTo(3);
        }
        assertThat(c.node(1).applied.get(0).type()).isEqualTo(EntryType.NOOP);
    }

    @Test
    void followersRefuseProposalsAndNameTheLeader() {
        TestCluster c = TestCluster.of(1, 2, 3);
        c.awaitLeader();
        ProposeResult r = c.engine(2).propose("x".getBytes());
        assertThat(r.status()).isEqualTo(ProposeResult.Status.NOT_LEADER);
        assertThat(r.leaderHint()).isEqualTo(1);
        assertThat(c.engine(1).propose(new byte[0]).status()).isEqualTo(ProposeResult.Status.INVALID);
    }

    @Test
    void minorityCannotCommit() {
        TestCluster c = TestCluster.of(1, 2, 3);
        c.awaitLeader();
        c.cut(1, 2);
        c.cut(1, 3);
        long before = c.engine(1).status().commitIndex();
        c.engine(1).propose("lost".getBytes());
        c.stabilize();
        assertThat(c.engine(1).status().commitIndex()).isEqualTo(before);
        assertThat(c.engine(1).status().lastIndex()).isEqualTo(before + 1);
    }

    @Test
    void committedEntriesAreNeverHandedOutTwice() {
        TestCluster c = TestCluster.of(1, 2, 3);
        c.awaitLeader();
        for (int i = 0; i < 20; i++) {
            c.propose(1, "v" + i);
        }
        c.tickAll(3);
        for (long id = 1; id <= 3; id++) {
            var indexes = c.node(id).applied.stream().map(LogEntry::index).toList();
            assertThat(indexes).doesNotHaveDuplicates().isSorted();
            assertThat(indexes).hasSize(21);
        }
    }

    @Test
    void singleNodeClusterCommitsAfterPersisting() {
        TestCluster c = TestCluster.of(1);
        assertThat(c.awaitLeader()).isEqualTo(1);
        c.propose(1, "solo");
        assertThat(c.node(1).appliedCommands()).extracting(String::new).containsExactly("solo");
        assertThat(c.engine(1).status().role()).isEqualTo(Role.LEADER);
    }
}
