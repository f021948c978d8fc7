package io.synod.kv.runtime;

import io.synod.kv.transport.codec.PeerCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** Replicas running Multi-Paxos in one JVM over real LMDB stores and the peer wire codec. */
@Timeout(60)
class MultiPaxosReplicaTest {

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
    void writesAndLinearizableReadsSurviveTheLossOfTheLeader() {
        cluster = new LocalCluster(InProcessTransport.withWireFormat(new PeerCodec(), "paxos"), dir, 3,
                UnaryOperator.identity(), false, EngineFactory.multiPaxos());
        long first = cluster.awaitLeader();
        for (int i = 0; i < 50; i++) {
            assertThat(cluster.put("k" + i, "v" + i).hasPut()).isTrue();
        }
        long follower = first == 1 ? 2 : 1;
        assertThat(cluster.get(follower, "k7").getGet().getKv().getValue().toStringUtf8()).isEqualTo("v7");

        cluster.stop(first);
        long second = cluster.awaitLeader();
        assertThat(second).isNotEqualTo(first);
        assertThat(cluster.put("after", "x").hasPut()).isTrue();
        assertThat(cluster.get(second, "k49").getGet().getKv().getValue().toStringUtf8()).isEqualTo("v49");

        cluster.start(first);
        cluster.awaitConverged(Duration.ofSeconds(20));
        assertThat(cluster.get(first, "after").getGet().getKv().getValue().toStringUtf8()).isEqualTo("x");
    }
}
