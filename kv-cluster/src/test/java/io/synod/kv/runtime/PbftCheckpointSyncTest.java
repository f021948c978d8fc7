package io.synod.kv.runtime;

import com.google.protobuf.ByteString;
import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.consensus.pbft.KeyedHashSignatures;
import io.synod.kv.consensus.pbft.PbftEngine;
import io.synod.kv.consensus.pbft.PbftMessage;
import io.synod.kv.statemachine.KvCommands;
import io.synod.kv.statemachine.KvStateMachine;
import io.synod.kv.statemachine.ReplicatedStateMachine;
import io.synod.kv.statemachine.StateCheckpoint;
import io.synod.kv.storage.lmdb.LmdbLogStore;
import io.synod.kv.storage.lmdb.LmdbOptions;
import io.synod.kv.testing.Await;
import io.synod.proto.kv.KvCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Four PBFT replicas in this JVM: the state machine is synced once per snapshot threshold of
 * applied entries, not at each of the engine's checkpoints, while checkpoints still become
 * stable and compact the log; a replica whose state machine lost what it applied restarts from
 * the log's checkpoint snapshot and the entries after it.
 */
@Timeout(90)
class PbftCheckpointSyncTest {

    private static final KeyedHashSignatures SIGNATURES = new KeyedHashSignatures(5);
    private static final int THRESHOLD = 48;
    private static final int WRITES = 160;

    @TempDir
    Path dir;

    private static final ConfState MEMBERS = ConfState.ofVoters(List.of(1L, 2L, 3L, 4L));
    private static final EngineFactory<PbftMessage> ENGINES = EngineFactory.pbft(SIGNATURES::authenticator,
            PbftEngine::new, id -> ReportedResults.TRUTHFUL);

    private final InProcessTransport network = new InProcessTransport();
    private final List<GroupReplica<PbftMessage>> replicas = new ArrayList<>();
    private final Map<Long, CountingSyncs> stateMachines = new TreeMap<>();

    @AfterEach
    void stop() {
        replicas.forEach(GroupReplica::close);
    }

    @Test
    void theStateMachineIsSyncedPerSnapshotThresholdNotPerCheckpoint() throws Exception {
        for (long id = 1; id <= 4; id++) {
            start(id);
        }
        write(0, WRITES);

        for (GroupReplica<PbftMessage> r : replicas) {
            ReplicaStatus status = Await.result(r.status());
            int checkpoints = (int) (status.appliedIndex() / 16);
            assertThat(status.snapshotsTaken()).as("stable checkpoints compacted on replica %d", r.nodeId())
                    .isGreaterThanOrEqualTo(checkpoints - 4);
            assertThat(stateMachines.get(r.nodeId()).syncs)
                    .as("state machine syncs on replica %d after %d checkpoints", r.nodeId(), checkpoints)
                    .isBetween(1, (int) (status.appliedIndex() / THRESHOLD));
        }

        // Replica 4 comes back with an empty state machine, as after losing every unsynced commit.
        replicas.remove(3).close();
        start(4);
        write(WRITES, 20);
        long digest = Await.result(replicas.get(0).status()).stateDigest();
        for (GroupReplica<PbftMessage> r : replicas) {
            Await.until(Duration.ofSeconds(30), "replica " + r.nodeId() + " has the primary's state",
                    () -> Await.result(r.status()).stateDigest() == digest);
        }
        assertThat(stateMachines.get(4L).appliedIndex()).isGreaterThanOrEqualTo(WRITES + 20);
    }

    private void start(long id) {
        LmdbLogStore store = LmdbLogStore.open(dir.resolve("node-" + id), MEMBERS,
                LmdbOptions.defaults().withMapSizeBytes(64L << 20).withNodeId(id));
        CountingSyncs stateMachine = new CountingSyncs(new KvStateMachine());
        stateMachines.put(id, stateMachine);
        replicas.add(GroupReplica.start(LocalCluster.testConfig(id).withSnapshotThreshold(THRESHOLD), ENGINES,
                store, stateMachine, network.endpoint(id)));
    }

    /** Puts {@code count} keys from {@code first} through the primary, then waits until every replica applied them. */
    private void write(int first, int count) throws Exception {
        GroupReplica<PbftMessage> primary = replicas.get(0);
        for (int i = first; i < first + count; i++) {
            KvCommand put = KvCommands.put(ByteString.copyFromUtf8("k" + i), ByteString.copyFromUtf8("v" + i));
            primary.propose(put).get(15, TimeUnit.SECONDS);
        }
        long target = Await.result(primary.status()).appliedIndex();
        for (GroupReplica<PbftMessage> r : replicas) {
            Await.until(Duration.ofSeconds(30), "replica " + r.nodeId() + " applied every write",
                    () -> Await.result(r.status()).appliedIndex() >= target);
        }
    }

    /** A state machine that counts its syncs; everything else goes to the one it wraps. */
    private static final class CountingSyncs implements ReplicatedStateMachine {
        private final ReplicatedStateMachine inner;
        volatile int syncs;

        CountingSyncs(ReplicatedStateMachine inner) {
            this.inner = inner;
        }

        @Override
        public byte[] apply(long index, byte[] command) {
            return inner.apply(index, command);
        }

        @Override
        public void applyNoCommand(long index) {
            inner.applyNoCommand(index);
        }

        @Override
        public byte[] query(byte[] request) {
            return inner.query(request);
        }

        @Override
        public long appliedIndex() {
            return inner.appliedIndex();
        }

        @Override
        public byte[] snapshot() {
            return inner.snapshot();
        }

        @Override
        public void restore(long index, byte[] snapshot) {
            inner.restore(index, snapshot);
        }

        @Override
        public long digest() {
            return inner.digest();
        }

        @Override
        public void sync() {
            syncs++;
            inner.sync();
        }

        @Override
        public StateCheckpoint checkpoint() {
            return inner.checkpoint();
        }
    }
}
