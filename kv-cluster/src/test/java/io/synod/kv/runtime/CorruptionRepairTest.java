package io.synod.kv.runtime;

import io.synod.kv.storage.CorruptionException;
import io.synod.kv.storage.lmdb.LmdbLogStore;
import io.synod.kv.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A replica that finds damaged stored data repairs itself from its peers: it replaces its stores
 * by empty ones (term and vote kept), stays out of elections until caught up past what it held,
 * and then serves the same state as the others; no acknowledged write is lost. Only damage that
 * hides the term and vote stops it for good, marked for the operator.
 */
@Timeout(60)
class CorruptionRepairTest {

    private static final int WRITES = 300;

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
        return "value-" + i + "-of-the-repair-test";
    }

    private long writeAndConverge(int from, int to) {
        for (int i = from; i < to; i++) {
            cluster.put("k" + i, value(i));
        }
        cluster.awaitConverged(Duration.ofSeconds(20));
        return cluster.awaitLeader();
    }

    private long someFollower(long leader) {
        return cluster.running().stream().filter(id -> id != leader).findFirst().orElseThrow();
    }

    /** Every acknowledged write reads back, linearizably, on {@code node}. */
    private void assertServesEveryWrite(long node, int count) {
        for (int i = 0; i < count; i++) {
            assertThat(cluster.get(node, "k" + i).getGet().getKv().getValue().toStringUtf8())
                    .as("k%d on node %d", i, node).isEqualTo(value(i));
        }
    }

    private void awaitRepaired(long node) {
        Await.until(Duration.ofSeconds(20), "node " + node + " caught up past its repair floor",
                () -> !cluster.status(node).repairing());
        cluster.awaitConverged(Duration.ofSeconds(20));
    }

    @Test
    void aFollowerWhoseLogFileIsCorruptedOnDiskRepairsItselfAtRestart() throws IOException {
        cluster = new LocalCluster(new InProcessTransport(), dir, 3, c -> c.withSnapshotThreshold(1_000_000), true);
        long leader = writeAndConverge(0, WRITES);
        long follower = someFollower(leader);
        long lastIndexBefore = cluster.logStore(follower).lastIndex();
        cluster.stop(follower);

        int flipped = flipBytesOf(cluster.nodeDir(follower).resolve("data.mdb"), value(150));
        assertThat(flipped).as("copies of the entry found in the log file").isPositive();
        for (int i = WRITES; i < WRITES + 50; i++) {
            cluster.put("k" + i, value(i));
        }

        cluster.start(follower);
        GroupReplica<?> repaired = cluster.replica(follower);
        assertThat(repaired.repairs()).as("damage found while opening the log").isEqualTo(1);
        assertThat(cluster.status(follower).repairFloor().index()).isGreaterThanOrEqualTo(lastIndexBefore);
        assertThat(cluster.nodeDir(follower).resolve("DAMAGED")).doesNotExist();
        assertThat(dir.resolve("node-" + follower + ".damaged").resolve("data.mdb")).as("kept for inspection").exists();

        awaitRepaired(follower);
        assertThat(cluster.status(follower).stateDigest()).isEqualTo(cluster.status(leader).stateDigest());
        assertServesEveryWrite(follower, WRITES + 50);
    }

    @Test
    void aReplicaThatFindsDamageWhileRunningRepairsWithoutARestartByLogAndSnapshot() {
        cluster = new LocalCluster(new InProcessTransport(), dir, 3, c -> c.withSnapshotThreshold(100), true);
        long leader = writeAndConverge(0, WRITES);
        long follower = someFollower(leader);
        GroupReplica<?> replica = cluster.replica(follower);
        long term = cluster.status(leader).engine().term();
        damageAnEntry(follower);

        assertThat(Await.result(replica.verifyStorage())).isFalse();
        Await.until(Duration.ofSeconds(10), "the replica repaired its storage", () -> replica.repairs() == 1);
        assertThat(replica.storageDamaged()).isFalse();
        for (int i = WRITES; i < WRITES + 50; i++) {
            cluster.put("k" + i, value(i));
        }

        awaitRepaired(follower);
        ReplicaStatus status = cluster.status(follower);
        assertThat(status.snapshotsInstalled()).as("the leader's log was compacted: caught up by snapshot").isPositive();
        assertThat(cluster.awaitLeader()).as("no election was needed").isEqualTo(leader);
        assertThat(cluster.status(leader).engine().term()).isEqualTo(term);
        assertServesEveryWrite(follower, WRITES + 50);
    }

    @Test
    void damageThatHidesTheTermAndVoteStopsTheReplicaAndIsMarkedForTheOperator() throws IOException {
        cluster = new LocalCluster(new InProcessTransport(), dir, 3, c -> c.withSnapshotThreshold(1_000_000), true);
        long leader = writeAndConverge(0, 50);
        long follower = someFollower(leader);
        GroupReplica<?> damaged = cluster.replica(follower);
        cluster.logStore(follower).damageHardStateForTesting();
        damageAnEntry(follower);

        assertThat(Await.result(damaged.verifyStorage())).isFalse();
        Await.until(Duration.ofSeconds(10), "the damaged replica stops", damaged::storageDamaged);
        Path marker = cluster.nodeDir(follower).resolve("DAMAGED");
        assertThat(Files.readString(marker)).contains("integrity check").contains("could not be repaired")
                .contains("Remove the node from the group");
        assertThat(damaged.repairs()).isZero();
        cluster.stop(follower);

        // The others keep serving, and the marked directory is refused.
        cluster.put("after", "still served");
        assertThat(cluster.get(leader, "after").getGet().getKv().getValue().toStringUtf8()).isEqualTo("still served");
        assertThatThrownBy(() -> cluster.start(follower))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining("marked damaged")
                .hasMessageContaining("add the node back");
    }

    /** Damages a stored log entry of {@code node} (writing until its log holds one beyond its snapshot). */
    private void damageAnEntry(long node) {
        LmdbLogStore store = cluster.logStore(node);
        for (int i = 0; store.lastIndex() < store.firstIndex(); i++) {
            cluster.put("filler", Integer.toString(i));
            long last = cluster.status(cluster.awaitLeader()).engine().lastIndex();
            Await.until(Duration.ofSeconds(10), "node " + node + " has the write", () -> store.lastIndex() >= last);
        }
        store.damageEntryForTesting(store.lastIndex());
    }

    /** Flips one byte in every copy of {@code text} in {@code file}; returns how many copies there were. */
    private static int flipBytesOf(Path file, String text) throws IOException {
        byte[] data = Files.readAllBytes(file);
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        int copies = 0;
        for (int at = indexOf(data, needle, 0); at >= 0; at = indexOf(data, needle, at + needle.length)) {
            data[at + needle.length - 1] ^= 0x20;
            copies++;
        }
        Files.write(file, data);
        return copies;
    }

    private static int indexOf(byte[] data, byte[] needle, int from) {
        outer:
        for (int i = from; i <= data.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
