package io.synod.kv.runtime;

import io.synod.kv.consensus.pbft.KeyedHashSignatures;
import io.synod.kv.consensus.pbft.PbftEngine;
import io.synod.kv.consensus.pbft.PbftMessage;
import io.synod.kv.statemachine.store.MemoryStateStore;
import io.synod.kv.transport.codec.PeerCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Four PBFT replicas in this JVM; replica 4's state machine silently gets a wrong value. At the
 * next stable checkpoint its digest is not the one the other three certify: it fetches their
 * state, executes again what followed, and ends with the same state as they; no acknowledged
 * write is lost.
 */
@Timeout(90)
class PbftStateRepairTest {

    private static final KeyedHashSignatures SIGNATURES = new KeyedHashSignatures(13);
    private static final long DAMAGED = 4;

    @TempDir
    Path dir;

    private LocalCluster cluster;

    @AfterEach
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static String value(int i) {
        return "value-" + i;
    }

    private void write(int from, int to) {
        for (int i = from; i < to; i++) {
            cluster.put("k" + i, value(i));
        }
    }

    @Test
    void aReplicaWhoseStateWasDamagedRepairsItselfAtTheNextCheckpoint() {
        DamageableStateStore damageable = new DamageableStateStore();
        EngineFactory<PbftMessage> engines = EngineFactory.pbft(SIGNATURES::authenticator, PbftEngine::new,
                id -> ReportedResults.TRUTHFUL);
        cluster = new LocalCluster(InProcessTransport.withWireFormat(new PeerCodec(), "pbft-repair"), dir, 4,
                UnaryOperator.identity(), false, engines, id -> id == DAMAGED ? damageable : new MemoryStateStore());
        write(0, 20);
        cluster.awaitConverged(Duration.ofSeconds(20));
        long installedBefore = cluster.status(DAMAGED).snapshotsInstalled();

        damageable.damage("k5", "not-what-anyone-wrote");
        // More than a checkpoint interval of writes: a checkpoint after the damage becomes stable.
        write(20, 60);

        cluster.awaitConverged(Duration.ofSeconds(30));
        assertThat(cluster.status(DAMAGED).snapshotsInstalled()).as("certified states installed by node 4")
                .isGreaterThan(installedBefore);
        for (int i = 0; i < 60; i++) {
            assertThat(cluster.get(DAMAGED, "k" + i).getGet().getKv().getValue().toStringUtf8())
                    .as("k%d on node %d", i, DAMAGED).isEqualTo(value(i));
        }
    }
}
