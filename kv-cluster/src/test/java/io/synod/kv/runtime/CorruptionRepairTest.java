package io.synod.kv.runtime;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A follower that finds a damaged log entry replaces its storage and is caught up by a leader's snapshot. */
class CorruptionRepairTest {

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
    void aFollowerWithADamagedEntryRepairsItselfFromTheLeaderWhileTheClusterKeepsServing() throws IOException {
        cluster = new LocalCluster(new InProcessTransport(), dir, 3, c -> c.withSnapshotThreshold(1_000_000), true);
        long leader = cluster.awaitLeader();
        for (int i = 0; i < 300; i++) {
            cluster.put("k" + i, "v" + i);
        }
        cluster.awaitConverged(Duration.ofSeconds(20));
        long follower = cluster.running().stream().filter(id -> id != leader).findFirst().orElseThrow();
        for (long id : cluster.running()) {
            if (id != follower) {
                LocalCluster.get(cluster.replica(id).takeSnapshot());
            }
        }

        cluster.logStore(follower).damageEntryForTesting(150);
        assertThat(LocalCluster.get(cluster.replica(follower).verifyStorage())).isFalse();
        // The Raft engine ignores rejections below a follower's acknowledged match (a durable log
        // never shrinks), so the current leader keeps sending from there; a new leader probes the
        // repaired follower from scratch and sends it the snapshot.
        long third = cluster.running().stream().filter(id -> id != leader && id != follower).findFirst().orElseThrow();
        assertThat(LocalCluster.get(cluster.replica(leader).transferLeadership(third))).isEqualTo(third);

        for (int i = 300; i < 400; i++) {
            cluster.put("k" + i, "v" + i);
        }
        cluster.awaitConverged(Duration.ofSeconds(30));
        ReplicaStatus repaired = cluster.status(follower);
        assertThat(repaired.storageRepairs()).isEqualTo(1);
        assertThat(repaired.snapshotsInstalled()).isEqualTo(1);
        assertThat(repaired.stateDigest()).isEqualTo(cluster.status(third).stateDigest());
        assertThat(LocalCluster.get(cluster.replica(follower).verifyStorage())).isTrue();
        assertThat(cluster.get(follower, "k150").getGet().getKv().getValue().toStringUtf8()).isEqualTo("v150");
        try (Stream<Path> aside = Files.list(dir)) {
            List<String> names = aside.map(p -> p.getFileName().toString()).toList();
            assertThat(names).anyMatch(n -> n.startsWith("node-" + follower + ".corrupt-"));
        }
    }
}
