package io.synod.kv.runtime;

import com.google.protobuf.ByteString;
import io.synod.kv.consensus.pbft.KeyedHashSignatures;
import io.synod.kv.consensus.pbft.PbftEngine;
import io.synod.kv.consensus.pbft.PbftMessage;
import io.synod.kv.sim.LyingResults;
import io.synod.kv.statemachine.KvCommands;
import io.synod.kv.transport.codec.PeerCodec;
import io.synod.proto.kv.KvCommandResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Four PBFT replicas in this JVM, replica 4 lying in every signed reply. Replica 1 hears its
 * correct peers late, so the lie is the first reply it gets for each write: it must still
 * answer with the result two replicas agree on.
 */
@Timeout(90)
class PbftReplyQuorumTest {

    private static final KeyedHashSignatures SIGNATURES = new KeyedHashSignatures(11);
    private static final long LIAR = 4;
    private static final long CLIENT = 77;

    @TempDir
    Path dir;

    private LocalCluster cluster;

    @AfterEach
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aReplicaLyingInItsRepliesDoesNotChangeWhatClientsAreTold() {
        InProcessTransport network = InProcessTransport.withWireFormat(new PeerCodec(), "pbft-replies");
        network.delay(2, 1, Duration.ofMillis(150));
        network.delay(3, 1, Duration.ofMillis(150));
        EngineFactory<PbftMessage> engines = EngineFactory.pbft(SIGNATURES::authenticator, PbftEngine::new,
                id -> id == LIAR ? ReportedResults.lying(new LyingResults()) : ReportedResults.TRUTHFUL);
        cluster = new LocalCluster(network, dir, 4, UnaryOperator.identity(), false, engines);

        int keys = 10;
        for (int i = 0; i < keys; i++) {
            KvCommandResult first = put(2 * i + 1, "k" + i, "v" + i);
            assertThat(first.getPut().getHadPrevious()).as("first put of k%d", i).isFalse();
            KvCommandResult second = put(2 * i + 2, "k" + i, "w" + i);
            assertThat(second.getPut().getHadPrevious()).isTrue();
            assertThat(second.getPut().getPrevious().getValue().toStringUtf8()).isEqualTo("v" + i);
        }

        ReplicaStatus asked = cluster.status(1);
        assertThat(asked.mismatchedReplies()).as("lies heard by replica 1").isPositive();
        assertThat(asked.rejectedReplies()).isZero();
        assertThat(asked.pendingProposals()).isZero();
        assertThat(cluster.get(1, "k3").getGet().getKv().getValue()).isEqualTo(ByteString.copyFromUtf8("w3"));
    }

    /** A put in one client's session, as real clients write: a retry after a lost answer is applied once. */
    private KvCommandResult put(long sequence, String key, String value) {
        return cluster.write(KvCommands.put(ByteString.copyFromUtf8(key), ByteString.copyFromUtf8(value)).toBuilder()
                .setClientId(CLIENT).setSequence(sequence).build());
    }
}
