package io.synod.kv.runtime;

import com.google.protobuf.ByteString;
import io.synod.kv.consensus.api.Role;
import io.synod.kv.statemachine.KvCommands;
import io.synod.kv.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** Partitions, crashes, restarts and snapshot catch-up in a 3-node in-JVM cluster on LMDB. */
@Timeout(120)
class ClusterFaultTest {

    @TempDir
    Path dir;

    private LocalCluster cluster;

    @AfterEach
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private long someFollower(long leader) {
        return cluster.running().stream().filter(id -> id != leader).findFirst().orElseThrow();
    }

    @Test
    void aPartitionedFollowerCatchesUpAfterHealing() {
        cluster = new LocalCluster(dir, 3, UnaryOperator.identity());
        long leader = cluster.awaitLeader();
        long follower = someFollower(leader);
        cluster.put("before", "1");
        cluster.network.isolate(follower);
        for (int i = 0; i < 200; i++) {
            cluster.put("during-" + i, "x");
        }
        assertThat(cluster.status(follower).appliedIndex()).isLessThan(cluster.status(leader).appliedIndex());

        cluster.network.heal(follower);
        cluster.awaitConverged(Duration.ofSeconds(15));
        assertThat(cluster.get(follower, "during-199").getGet().getFound()).isTrue();
    }

    @Test
    void aFollowerBehindTheCompactionPointCatchesUpThroughASnapshot() {
        cluster = new LocalCluster(dir, 3, c -> c.withSnapshotThreshold(100));
        long leader = cluster.awaitLeader();
        long follower = someFollower(leader);
        cluster.put("before", "1");
        cluster.network.isolate(follower);
        for (int i = 0; i < 350; i++) {
            cluster.put("during-" + i, "x");
        }
        Await.until(Duration.ofSeconds(5), "the leader compacted past the follower",
                () -> cluster.status(leader).snapshotIndex() > cluster.status(follower).appliedIndex());

        cluster.network.heal(follower);
        cluster.awaitConverged(Duration.ofSeconds(20));
        assertThat(cluster.status(follower).snapshotsInstalled()).isGreaterThanOrEqualTo(1);
        assertThat(cluster.get(follower, "during-349").getGet().getFound()).isTrue();
    }

    @Test
    void afterTheLeaderStopsANewOneIsElectedAndWritesContinue() {
        cluster = new LocalCluster(dir, 3, UnaryOperator.identity());
        long oldLeader = cluster.awaitLeader();
        for (int i = 0; i < 50; i++) {
            cluster.put("a-" + i, "x");
        }
        cluster.stop(oldLeader);

        long newLeader = cluster.awaitLeader();
        assertThat(newLeader).isNotEqualTo(oldLeader);
        for (int i = 0; i < 50; i++) {
            cluster.put("b-" + i, "y");
        }
        assertThat(cluster.get(newLeader, "a-49").getGet().getFound()).isTrue();

        cluster.start(oldLeader);
        cluster.awaitConverged(Duration.ofSeconds(15));
        assertThat(cluster.get(oldLeader, "b-49").getGet().getFound()).isTrue();
    }

    @Test
    void nodesRestartFromTheirStoresAfterThousandsOfWritesAndSeveralCompactions() {
        cluster = new LocalCluster(dir, 3, c -> c.withSnapshotThreshold(500));
        cluster.awaitLeader();
        for (int i = 0; i < 3000; i++) {
            cluster.put("k-" + (i % 700), "v-" + i);
        }
        cluster.awaitConverged(Duration.ofSeconds(15));
        Map<Long, Long> digests = new TreeMap<>();
        for (long id : cluster.running()) {
            ReplicaStatus s = cluster.status(id);
            assertThat(s.snapshotsTaken() + s.snapshotsInstalled()).isGreaterThanOrEqualTo(4);
            digests.put(id, s.stateDigest());
        }
        List<Long> nodes = cluster.running();
        nodes.forEach(cluster::stop);

        // Each node alone must rebuild its state from its own store: snapshot plus log replay.
        nodes.forEach(cluster.network::isolate);
        long started = System.nanoTime();
        nodes.forEach(cluster::start);
        for (long id : nodes) {
            Await.until(Duration.ofSeconds(10), "node " + id + " recovered its state",
                    () -> cluster.status(id).stateDigest() == digests.get(id));
        }
        System.out.printf("restart: 3 nodes recovered 3000 writes in %.1f ms%n", (System.nanoTime() - started) / 1e6);

        nodes.forEach(cluster.network::heal);
        cluster.put("after-restart", "ok");
        cluster.awaitConverged(Duration.ofSeconds(15));
        assertThat(cluster.get(nodes.get(0), "k-699").getGet().getKv().getValue().toStringUtf8()).isEqualTo("v-2799");
    }

    @Test
    void leadershipMovesOnRequestAndMembershipChangesApply() {
        cluster = new LocalCluster(dir, 3, UnaryOperator.identity());
        long leader = cluster.awaitLeader();
        cluster.put("k", "v");
        long target = someFollower(leader);
        Await.until(Duration.ofSeconds(5), "the target caught up",
                () -> cluster.status(target).appliedIndex() == cluster.status(leader).appliedIndex());

        assertThat(Await.result(cluster.replica(leader).transferLeadership(target))).isEqualTo(target);
        Await.until(Duration.ofSeconds(5), "the target leads",
                () -> cluster.status(target).engine().role() == Role.LEADER);

        long removed = leader;
        Await.result(cluster.replica(target).removeNode(removed));
        // The removed node need not learn of its removal: nobody replicates to it any more.
        cluster.stop(removed);
        Await.until(Duration.ofSeconds(5), "the remaining nodes applied the removal",
                () -> cluster.running().stream().allMatch(id ->
                        !cluster.status(id).engine().confState().voters().contains(removed)));
        cluster.write(KvCommands.put(ByteString.copyFromUtf8("after-removal"), ByteString.copyFromUtf8("ok")));
        assertThat(Await.result(cluster.replica(target).takeSnapshot()).confState().voters())
                .doesNotContain(removed).hasSize(2);
    }
}
