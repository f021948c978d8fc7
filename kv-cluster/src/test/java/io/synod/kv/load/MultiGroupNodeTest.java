package io.synod.kv.load;

import io.synod.kv.consensus.api.EngineStatus;
import io.synod.kv.runtime.ReplicaStatus;
import io.synod.kv.testing.Await;
import io.synod.kv.transport.RouteResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three nodes, each hosting replicas of two consensus groups over one shared gRPC transport:
 * the groups elect their own leaders, commit independently, keep separate key spaces, and one
 * group's replica stopping on a node does not disturb the other group.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MultiGroupNodeTest {

    private static final long G1 = 1;
    private static final long G2 = 2;

    @TempDir
    Path dir;

    private GrpcTestCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void twoGroupsShareEachNodesTransportButNothingElse() {
        cluster = new GrpcTestCluster(dir, 3, Set.of(G1, G2), UnaryOperator.identity(), UnaryOperator.identity());
        long leader1 = cluster.awaitLeader(G1);
        long leader2 = cluster.awaitLeader(G2);

        for (int i = 0; i < 100; i++) {
            cluster.put(G1, "g1-" + i, "one-" + i);
            cluster.put(G2, "g2-" + i, "two-" + i);
        }
        cluster.put(G1, "shared", "from-group-1");
        cluster.put(G2, "shared", "from-group-2");
        cluster.awaitConverged(G1, Duration.ofSeconds(10));
        cluster.awaitConverged(G2, Duration.ofSeconds(10));

        for (long id : cluster.ids()) {
            assertThat(cluster.get(id, G1, "g1-99").getGet().getFound()).isTrue();
            assertThat(cluster.get(id, G2, "g1-99").getGet().getFound()).as("group-1 key in group 2").isFalse();
            assertThat(cluster.get(id, G1, "g2-99").getGet().getFound()).as("group-2 key in group 1").isFalse();
            assertThat(cluster.get(id, G1, "shared").getGet().getKv().getValue().toStringUtf8())
                    .isEqualTo("from-group-1");
            assertThat(cluster.get(id, G2, "shared").getGet().getKv().getValue().toStringUtf8())
                    .isEqualTo("from-group-2");
        }
        assertThat(cluster.status(leader1, G1).stateDigest()).isNotEqualTo(cluster.status(leader2, G2).stateDigest());
        System.out.printf("multi-group: group 1 led by node %d, group 2 by node %d%n", leader1, leader2);
    }

    @Test
    void stoppingOneGroupsReplicaLeavesTheOtherGroupUndisturbed() throws Exception {
        cluster = new GrpcTestCluster(dir, 3, Set.of(G1, G2), UnaryOperator.identity(), UnaryOperator.identity());
        long leader1 = cluster.awaitLeader(G1);
        long leader2 = cluster.awaitLeader(G2);
        cluster.put(G1, "warm", "1");
        cluster.put(G2, "warm", "2");
        EngineStatus before2 = cluster.status(leader2, G2).engine();

        // Group 2 keeps writing and is watched while node `victim` loses its group-1 replica.
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger group2Writes = new AtomicInteger();
        AtomicReference<String> disturbance = new AtomicReference<>();
        Thread group2 = new Thread(() -> {
            while (running.get()) {
                cluster.put(G2, "during-" + group2Writes.get(), "x");
                group2Writes.incrementAndGet();
                for (long id : cluster.ids()) {
                    EngineStatus s = cluster.status(id, G2).engine();
                    if (s.term() != before2.term() || s.leaderId() != leader2) {
                        disturbance.compareAndSet(null, "node " + id + " saw group 2 at term " + s.term()
                                + " led by " + s.leaderId());
                    }
                }
            }
        }, "group-2-writer");
        group2.start();
        try {
            long victim = leader1;
            long rejectedBefore = cluster.node(victim).transport().rejectedCount(RouteResult.Reason.UNKNOWN_GROUP);
            cluster.node(victim).stopReplica(G1);

            long newLeader1 = cluster.awaitLeader(G1);
            assertThat(newLeader1).isNotEqualTo(victim);
            for (int i = 0; i < 50; i++) {
                cluster.put(G1, "after-stop-" + i, "y");
            }
            // The victim still receives its peers' group-1 traffic and refuses it by group.
            Await.until(Duration.ofSeconds(5), "group-1 messages to the victim are refused",
                    () -> cluster.node(victim).transport().rejectedCount(RouteResult.Reason.UNKNOWN_GROUP)
                            > rejectedBefore);

            cluster.startReplica(victim, G1);
            cluster.awaitConverged(G1, Duration.ofSeconds(15));
            assertThat(cluster.get(victim, G1, "after-stop-49").getGet().getFound()).isTrue();
        } finally {
            running.set(false);
            group2.join(30_000);
        }
        assertThat(disturbance.get()).as("group 2 disturbance").isNull();
        assertThat(group2Writes.get()).isGreaterThan(10);
        cluster.awaitConverged(G2, Duration.ofSeconds(10));
        ReplicaStatus after2 = cluster.status(leader2, G2);
        assertThat(after2.engine().term()).isEqualTo(before2.term());
        assertThat(cluster.get(leader2, G2, "after-stop-0").getGet().getFound()).as("group-1 key in group 2").isFalse();
    }
}
