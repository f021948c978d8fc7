package io.synod.kv.consensus.pbft;

import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.api.Role;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PbftEngineTest {

    private static List<String> commands(PbftTestCluster c, long id) {
        return c.node(id).applied.stream().filter(e -> e.type() == io.synod.kv.consensus.api.EntryType.NORMAL)
                .map(e -> new String(e.data(), StandardCharsets.UTF_8)).toList();
    }

    private static void proposeAll(PbftTestCluster c, long at, int count, String prefix) {
        for (int i = 0; i < count; i++) {
            assertThat(c.engine(at).propose((prefix + i).getBytes(StandardCharsets.UTF_8)).isAccepted()).isTrue();
        }
        c.stabilize();
    }

    private static long countDelivered(PbftTestCluster c, PbftMessageType type) {
        return c.delivered.stream().filter(m -> m.type() == type).count();
    }

    @Test
    void batchesCommitInOrderOnEveryReplica() {
        PbftTestCluster c = PbftTestCluster.of(4);
        assertThat(c.engine(1).status().role()).isEqualTo(Role.LEADER);
        proposeAll(c, 1, 10, "w");
        for (long id = 1; id <= 4; id++) {
            assertThat(commands(c, id)).hasSize(10).isEqualTo(commands(c, 1));
        }
        // Ten requests proposed in one go travel in batches of at most 4: three pre-prepares per backup.
        assertThat(countDelivered(c, PbftMessageType.PRE_PREPARE)).isEqualTo(3 * 3);
    }

    @Test
    void backupsForwardRequestsToThePrimary() {
        PbftTestCluster c = PbftTestCluster.of(4);
        proposeAll(c, 3, 2, "via-backup");
        assertThat(commands(c, 4)).containsExactly("via-backup0", "via-backup1");
        assertThat(countDelivered(c, PbftMessageType.REQUEST)).isEqualTo(2);
    }

    @Test
    void fastPathCommitsWithoutTheCommitPhaseWhenEveryReplicaAnswers() {
        PbftTestCluster c = PbftTestCluster.of(4);
        c.dropWhen(m -> m.type() == PbftMessageType.COMMIT);
        proposeAll(c, 1, 3, "fast");
        for (long id = 1; id <= 4; id++) {
            assertThat(commands(c, id)).containsExactly("fast0", "fast1", "fast2");
        }
        assertThat(countDelivered(c, PbftMessageType.FAST_COMMIT)).isPositive();
    }

    @Test
    void withOneReplicaSilentTheFullProtocolCommits() {
        PbftTestCluster c = PbftTestCluster.of(4);
        c.node(4).down = true;
        proposeAll(c, 1, 3, "slow");
        for (long id = 1; id <= 3; id++) {
            assertThat(commands(c, id)).containsExactly("slow0", "slow1", "slow2");
        }
        assertThat(countDelivered(c, PbftMessageType.FAST_COMMIT)).isZero();
        assertThat(countDelivered(c, PbftMessageType.COMMIT)).isPositive();
    }

    @Test
    void withOneReplicaSilentAndNoCommitPhaseNothingCommits() {
        PbftTestCluster c = PbftTestCluster.of(4);
        c.node(4).down = true;
        c.dropWhen(m -> m.type() == PbftMessageType.COMMIT);
        proposeAll(c, 1, 3, "stuck");
        assertThat(commands(c, 1)).isEmpty();
    }

    @Test
    void silentPrimaryIsReplacedThroughAViewChange() {
        PbftTestCluster c = PbftTestCluster.of(4);
        c.node(1).down = true;
        assertThat(c.engine(2).propose("after-failover".getBytes(StandardCharsets.UTF_8)).isAccepted()).isTrue();
        c.tickAll(60);
        for (long id = 2; id <= 4; id++) {
            assertThat(commands(c, id)).containsExactly("after-failover");
            assertThat(c.engine(id).status().term()).isGreaterThanOrEqualTo(1);
        }
        assertThat(c.engine(2).status().role()).isEqualTo(Role.LEADER);
        assertThat(countDelivered(c, PbftMessageType.NEW_VIEW)).isPositive();
    }

    @Test
    void committedRequestsSurviveAViewChange() {
        PbftTestCluster c = PbftTestCluster.of(4);
        proposeAll(c, 1, 3, "before");
        c.node(1).down = true;
        c.engine(2).propose("after".getBytes(StandardCharsets.UTF_8));
        c.tickAll(60);
        for (long id = 2; id <= 4; id++) {
            assertThat(commands(c, id)).containsExactly("before0", "before1", "before2", "after");
        }
    }

    @Test
    void aReplicaThatMissedAViewChangeCatchesUpWithoutAnyoneSpeakingForAnother() {
        // The test cluster fails on any message sent in another replica's name, as a real transport refuses it.
        PbftTestCluster c = PbftTestCluster.of(4);
        proposeAll(c, 1, 3, "before");
        c.node(1).down = true;
        c.engine(2).propose("after".getBytes(StandardCharsets.UTF_8));
        c.tickAll(60);
        c.isolate(3);
        proposeAll(c, 2, 2, "without-3-");
        c.tickAll(2);
        c.heal();
        c.tickAll(60);
        c.node(1).down = false;
        c.restart(1);
        c.tickAll(80);
        for (long id = 2; id <= 4; id++) {
            assertThat(commands(c, id)).as("replica %d", id)
                    .containsExactly("before0", "before1", "before2", "after", "without-3-0", "without-3-1");
        }
        // The restarted replica applies only what it had not applied before it stopped.
        assertThat(commands(c, 1)).containsExactly("without-3-0", "without-3-1");
        assertThat(c.node(1).appliedIndex()).isEqualTo(c.node(2).appliedIndex());
    }

    @Test
    void equivocatingPrimaryIsDetectedAndReplaced() {
        PbftTestCluster c = PbftTestCluster.of(4);
        var primarySigner = PbftTestCluster.SIGNATURES.authenticator(1);
        c.intercept(m -> {
            if (m.type() != PbftMessageType.PRE_PREPARE || m.from() != 1 || m.to() != 2) {
                return m;
            }
            List<LogEntry> other = m.entries().stream()
                    .map(e -> new LogEntry(e.index(), e.term(), e.type(), "forged".getBytes(StandardCharsets.UTF_8)))
                    .toList();
            return primarySigner.sign(m.withEntries(other).withDigest(PbftDigests.batch(other)));
        });
        c.engine(1).propose("honest".getBytes(StandardCharsets.UTF_8));
        c.stabilize();
        c.heal();
        c.engine(3).propose("honest".getBytes(StandardCharsets.UTF_8));
        c.tickAll(80);
        for (long id = 1; id <= 4; id++) {
            assertThat(commands(c, id)).as("node %d", id).doesNotContain("forged").contains("honest");
            assertThat(commands(c, id)).isEqualTo(commands(c, 3));
        }
    }

    @Test
    void forgedVotesDoNotCount() {
        PbftTestCluster c = PbftTestCluster.of(4);
        c.node(4).down = true;
        // Node 3's votes arrive with broken signatures: only two valid votes per batch remain.
        c.intercept(m -> m.from() == 3 && (m.type() == PbftMessageType.PREPARE || m.type() == PbftMessageType.COMMIT)
                ? m.withSignature(new byte[64]) : m);
        proposeAll(c, 1, 2, "x");
        assertThat(commands(c, 1)).isEmpty();
        assertThat(commands(c, 2)).isEmpty();
    }

    @Test
    void votesThatCanChangeNothingAreDroppedBeforeTheirSignatureIsChecked() {
        PbftTestCluster c = PbftTestCluster.of(4);
        proposeAll(c, 1, 6, "v");
        // Batches 1..4 and 5..6; the checkpoint at 4 is stable, batch 5..6 committed above it.
        PbftMessage lateCommit = c.delivered.stream()
                .filter(m -> m.type() == PbftMessageType.COMMIT && m.to() == 2 && m.seq() == 5).findFirst()
                .orElseThrow();
        PbftMessage oldCheckpoint = c.delivered.stream()
                .filter(m -> m.type() == PbftMessageType.CHECKPOINT && m.to() == 2 && m.seq() == 4).findFirst()
                .orElseThrow();
        assertThat(c.node(2).applied).hasSize(6);

        long before = c.verifications();
        c.engine(2).step(lateCommit);
        c.engine(2).step(oldCheckpoint);
        assertThat(c.verifications()).isEqualTo(before);
        // The same COMMIT for another batch at that number is still checked (and, forged, ignored).
        c.engine(2).step(lateCommit.withDigest(new byte[32]));
        assertThat(c.verifications()).isEqualTo(before + 1);
    }

    @Test
    void checkpointsBecomeStableAndTheLogIsCollected() {
        PbftTestCluster c = PbftTestCluster.of(4);
        proposeAll(c, 1, 13, "c");
        // The runtime compacts after its next Ready: a status round brings one.
        c.tickAll(PbftTestCluster.OPTIONS.statusTicks());
        for (long id = 1; id <= 4; id++) {
            assertThat(c.engine(id).compactableIndex()).isEqualTo(12);
            assertThat(c.node(id).store.snapshotMeta().index()).isEqualTo(12);
        }
    }

    @Test
    void aReplicaBehindTheStableCheckpointCatchesUpByStateTransfer() {
        PbftTestCluster c = PbftTestCluster.of(4);
        c.isolate(4);
        for (int round = 0; round < 5; round++) {
            proposeAll(c, 1, 4, "r" + round + "-");
        }
        c.tickAll(2);
        assertThat(c.engine(1).compactableIndex()).isGreaterThanOrEqualTo(16);
        c.heal();
        c.tickAll(40);
        assertThat(c.node(4).readies.stream().anyMatch(r -> r.snapshot() != null)).isTrue();
        assertThat(c.node(4).appliedIndex()).isEqualTo(c.node(1).appliedIndex());
        assertThat(c.node(4).store.snapshotChunk(0, (int) c.node(4).store.snapshotMeta().sizeBytes()))
                .isEqualTo(c.node(1).store.snapshotChunk(0, (int) c.node(1).store.snapshotMeta().sizeBytes()));
    }

    @Test
    void stateWithAnUncertifiedDigestIsRejected() {
        PbftTestCluster c = PbftTestCluster.of(4);
        c.isolate(4);
        for (int round = 0; round < 5; round++) {
            proposeAll(c, 1, 4, "s" + round + "-");
        }
        c.tickAll(2);
        c.heal();
        // Every chunk served to node 4 is tampered with: it must never install that state.
        c.intercept(m -> m.type() == PbftMessageType.STATE_CHUNK && m.data().length > 0
                ? m.withData(new byte[m.data().length], m.offset(), m.total()) : m);
        c.tickAll(40);
        assertThat(c.node(4).readies.stream().noneMatch(r -> r.snapshot() != null)).isTrue();
    }

    @Test
    void aReplicaWhoseStateDivergedRepairsItselfByStateTransfer() {
        PbftTestCluster c = PbftTestCluster.of(4);
        proposeAll(c, 1, 2, "before-");
        c.damageState(4);
        proposeAll(c, 1, 4, "after-");
        c.tickAll(40);
        // Its checkpoint at 4 was not the certified one: it fetched that state and executed 5 and 6 again on it.
        assertThat(c.node(4).appliedIndex()).isEqualTo(c.node(1).appliedIndex()).isEqualTo(6);
        assertThat(c.state(4)).isEqualTo(c.state(1));
        assertThat(c.node(4).readies.stream().filter(r -> r.snapshot() != null).map(r -> r.snapshot().meta().index()))
                .containsExactly(4L);
        assertThat(c.node(4).applied).extracting(LogEntry::index).containsExactly(5L, 6L);
        assertThat(c.engine(4).stateRepairs()).isEqualTo(1);
        for (long id = 1; id <= 3; id++) {
            assertThat(c.engine(id).stateRepairs()).isZero();
        }
        proposeAll(c, 1, 6, "later-");
        c.tickAll(4);
        assertThat(c.engine(4).compactableIndex()).isEqualTo(12);
        assertThat(c.state(4)).isEqualTo(c.state(1));
    }

    @Test
    void aPrimaryWhoseStateDivergedRepairsItselfAndTheGroupKeepsCommitting() {
        PbftTestCluster c = PbftTestCluster.of(4);
        c.damageState(1);
        proposeAll(c, 2, 6, "p");
        c.tickAll(80);
        proposeAll(c, 2, 6, "q");
        c.tickAll(80);
        for (long id = 2; id <= 4; id++) {
            assertThat(c.node(id).appliedIndex()).as("node %d", id).isEqualTo(c.node(1).appliedIndex()).isEqualTo(12);
            assertThat(c.state(id)).as("node %d", id).isEqualTo(c.state(1));
        }
        assertThat(c.engine(1).stateRepairs()).isEqualTo(1);
    }

    @Test
    void aDigestOnlyFReplicasVouchForRepairsNothing() {
        PbftTestCluster c = PbftTestCluster.of(4);
        c.damageState(4);
        // Node 4 hears the correct checkpoint digest from node 3 alone: f replicas, which could all be lying.
        c.dropWhen(m -> m.to() == 4 && (m.type() == PbftMessageType.CHECKPOINT && m.from() != 3
                || m.type() == PbftMessageType.CHECKPOINT_CERT));
        proposeAll(c, 1, 8, "d");
        c.tickAll(40);
        assertThat(c.engine(1).compactableIndex()).isEqualTo(8);
        assertThat(c.node(4).appliedIndex()).isEqualTo(8);
        assertThat(c.engine(4).stateRepairs()).isZero();
        assertThat(c.delivered.stream().noneMatch(m -> m.type() == PbftMessageType.FETCH_STATE)).isTrue();
        assertThat(c.node(4).readies.stream().noneMatch(r -> r.snapshot() != null)).isTrue();
        // Once 2f+1 replicas' votes reach it, it repairs itself.
        c.heal();
        c.tickAll(40);
        assertThat(c.state(4)).isEqualTo(c.state(1));
        assertThat(c.engine(4).stateRepairs()).isEqualTo(1);
    }

    @Test
    void readsAreAnsweredByAQuorumAtTheCommittedIndex() {
        PbftTestCluster c = PbftTestCluster.of(4);
        proposeAll(c, 1, 3, "w");
        c.engine(2).requestRead(7);
        c.stabilize();
        assertThat(c.node(2).readStates).hasSize(1);
        assertThat(c.node(2).readStates.get(0).readId()).isEqualTo(7);
        assertThat(c.node(2).readStates.get(0).index()).isEqualTo(3);
        assertThat(countDelivered(c, PbftMessageType.PRE_PREPARE)).isEqualTo(3);
    }

    @Test
    void anInflatedReadAnswerFallsBackToOrdering() {
        PbftTestCluster c = PbftTestCluster.of(4);
        proposeAll(c, 1, 3, "w");
        c.intercept(m -> m.type() == PbftMessageType.READ_ACK && m.from() == 3
                ? PbftTestCluster.SIGNATURES.authenticator(3).sign(m.withSeq(m.seq(), m.seqHi() + 1000)) : m);
        c.engine(2).requestRead(9);
        c.stabilize();
        assertThat(c.node(2).readStates).hasSize(1);
        // Served after a barrier ordered through the protocol, past the three writes.
        assertThat(c.node(2).readStates.get(0).index()).isEqualTo(4);
    }

    @Test
    void aRestartedPrimaryHandsOverItsView() {
        PbftTestCluster c = PbftTestCluster.of(4);
        c.intercept(m -> m.type() == PbftMessageType.PREPARE ? null : m);
        c.engine(1).propose("in-flight".getBytes(StandardCharsets.UTF_8));
        c.stabilize();
        c.heal();
        c.restart(1);
        c.engine(3).propose("next".getBytes(StandardCharsets.UTF_8));
        c.tickAll(120);
        for (long id = 1; id <= 4; id++) {
            assertThat(commands(c, id)).as("node %d", id).containsExactly("in-flight", "next");
        }
        assertThat(c.engine(2).status().term()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aReplicaCutOffAloneDoesNotRaceAheadAndRejoinsWhenNeeded() {
        PbftTestCluster c = PbftTestCluster.of(4);
        c.isolate(4);
        // Work only node 4 knows of: it suspects the primary, but no one else joins its view change.
        c.engine(4).propose("lonely".getBytes(StandardCharsets.UTF_8));
        proposeAll(c, 1, 2, "quorum");
        c.tickAll(2_000);
        assertThat(c.engine(4).status().term()).isEqualTo(1);
        assertThat(c.engine(2).status().term()).isZero();
        // Back, with the primary gone: the group needs node 4 for every quorum from now on.
        c.heal();
        c.node(1).down = true;
        c.engine(2).propose("after".getBytes(StandardCharsets.UTF_8));
        c.tickAll(400);
        for (long id = 2; id <= 4; id++) {
            assertThat(commands(c, id)).as("node %d", id).contains("quorum0", "quorum1", "lonely", "after");
        }
    }

    @Test
    void preparedCertificatesSurviveARestart() {
        PbftTestCluster c = PbftTestCluster.of(PbftTestCluster.OPTIONS.withFastPath(false), 4);
        c.intercept(m -> m.type() == PbftMessageType.COMMIT ? null : m);
        c.engine(1).propose("prepared-only".getBytes(StandardCharsets.UTF_8));
        c.stabilize();
        assertThat(commands(c, 2)).isEmpty();
        c.restart(2);
        c.heal();
        c.node(1).down = true;
        c.delivered.clear();
        c.tickAll(60);
        // Node 2's view change proves what it prepared before the restart, and the request commits.
        assertThat(c.delivered).anyMatch(m -> m.type() == PbftMessageType.VIEW_CHANGE && m.from() == 2
                && m.proof().stream().anyMatch(p -> p.type() == PbftMessageType.PRE_PREPARE));
        for (long id = 2; id <= 4; id++) {
            assertThat(commands(c, id)).as("node %d", id).containsExactly("prepared-only");
        }
    }
}
