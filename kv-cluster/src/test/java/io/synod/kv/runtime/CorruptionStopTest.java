package io.synod.kv.runtime;

import io.synod.kv.storage.CorruptionException;
import io.synod.kv.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A replica that finds damaged stored data stops serving and marks its storage, so that it
 * never answers from wrong data nor votes with a log that forgot what it acknowledged; the rest
 * of the group keeps serving.
 */
@Timeout(60)
class CorruptionStopTest {

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
    void aFollowerWithADamagedEntryStopsAndIsNotReopenedWhileTheClusterKeepsServing() {
        cluster = new LocalCluster(new InProcessTransport(), dir, 3, c -> c.withSnapshotThreshold(1_000_000), true);
        long leader = cluster.awaitLeader();
        for (int i = 0; i < 300; i++) {
            cluster.put("k" + i, "v" + i);
        }
        cluster.awaitConverged(Duration.ofSeconds(20));
        long follower = cluster.running().stream().filter(id -> id != leader).findFirst().orElseThrow();
        GroupReplica<?> damaged = cluster.replica(follower);

        cluster.logStore(follower).damageEntryForTesting(150);
        assertThat(Await.result(damaged.verifyStorage())).isFalse();

        Await.until(Duration.ofSeconds(10), "the damaged replica stops", damaged::storageDamaged);
        Path marker = cluster.nodeDir(follower).resolve("DAMAGED");
        assertThat(marker).exists();
        assertThat(damaged.status()).failsWithin(Duration.ofSeconds(5));
        cluster.stop(follower);

        for (int i = 300; i < 400; i++) {
            cluster.put("k" + i, "v" + i);
        }
        assertThat(cluster.get(leader, "k399").getGet().getKv().getValue().toStringUtf8()).isEqualTo("v399");

        assertThatThrownBy(() -> cluster.start(follower))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining("marked damaged")
                .hasMessageContaining("add the node back");
    }

    @Test
    void theMarkerNamesTheReasonForTheOperator() throws Exception {
        cluster = new LocalCluster(new InProcessTransport(), dir, 3, c -> c, true);
        long leader = cluster.awaitLeader();
        cluster.put("a", "1");
        cluster.awaitConverged(Duration.ofSeconds(20));
        long follower = cluster.running().stream().filter(id -> id != leader).findFirst().orElseThrow();
        cluster.logStore(follower).damageEntryForTesting(cluster.logStore(follower).lastIndex());
        cluster.replica(follower).verifyStorage();
        Path marker = cluster.nodeDir(follower).resolve("DAMAGED");
        Await.until(Duration.ofSeconds(10), "the marker is written", () -> Files.exists(marker));
        assertThat(Files.readString(marker)).contains("integrity check").contains("Remove the node from the group");
    }
}
