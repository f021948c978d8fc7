package io.synod.kv.runtime;

import com.google.protobuf.ByteString;
import io.synod.kv.statemachine.KvCommands;
import io.synod.kv.testing.Await;
import io.synod.proto.kv.KvCommand;
import io.synod.proto.kv.BatchOp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replicas with durable (LMDB) state machines: snapshots serialized off the event loop while
 * writes continue, followers behind the compaction point caught up by InstallSnapshot, and
 * restarts that continue from the state store instead of replaying the log.
 */
class DurableSnapshotTest {

    private static final int KEYS = 50_000;
    private static final int KEYS_PER_BATCH = 2_500;

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
    void writesCompleteWhileALargeSnapshotIsTakenAndLaggingFollowersCatchUpFromIt() {
        cluster = new LocalCluster(new InProcessTransport(), dir, 3,
                c -> c.withSnapshotThreshold(Long.MAX_VALUE / 2), true);
        long leader = cluster.awaitLeader();
        long lagging = cluster.running().stream().filter(id -> id != leader).findFirst().orElseThrow();
        cluster.stop(lagging);
        fill(KEYS);

        CompletableFuture<?> snapshot = cluster.replica(leader).takeSnapshot();
        int writesDuringSnapshot = 0;
        while (!snapshot.isDone()) {
            cluster.put("during-" + writesDuringSnapshot, "v");
            writesDuringSnapshot++;
        }
        Await.result(snapshot);
        ReplicaStatus leaderStatus = cluster.status(leader);
        assertThat(writesDuringSnapshot).as("writes acknowledged while the snapshot was serialized").isPositive();
        assertThat(leaderStatus.snapshotIndex()).isGreaterThan(KEYS / KEYS_PER_BATCH);

        cluster.start(lagging);
        cluster.awaitConverged(Duration.ofSeconds(30));
        assertThat(cluster.status(lagging).snapshotsInstalled()).isEqualTo(1);

        long digest = cluster.status(leader).stateDigest();
        for (long id : cluster.running()) {
            cluster.stop(id);
            cluster.start(id);
        }
        cluster.awaitConverged(Duration.ofSeconds(30));
        assertThat(cluster.status(leader).stateDigest()).isEqualTo(digest);
        assertThat(cluster.get(lagging, "key-00042").getGet().getKv().getValue().toStringUtf8()).isEqualTo(value(42));
    }

    @Test
    void aRestartedNodeContinuesFromItsStateStoreAfterManyWritesAndCompactions() {
        cluster = new LocalCluster(new InProcessTransport(), dir, 3, c -> c.withSnapshotThreshold(3_000), true);
        long proposer = cluster.awaitLeader();
        Map<KvCommand, CompletableFuture<?>> window = new LinkedHashMap<>();
        for (int i = 0; i < 10_000; i++) {
            KvCommand put = KvCommands.put(ByteString.copyFromUtf8("k" + i), ByteString.copyFromUtf8(value(i)));
            window.put(put, cluster.replica(proposer).propose(put));
            if (window.size() == 256 || i == 9_999) {
                proposer = awaitWindow(window, proposer);
            }
        }
        cluster.awaitConverged(Duration.ofSeconds(30));
        long leader = cluster.awaitLeader();
        long follower = cluster.running().stream().filter(id -> id != leader).findFirst().orElseThrow();
        ReplicaStatus before = cluster.status(follower);
        assertThat(before.snapshotsTaken()).isGreaterThanOrEqualTo(3);

        cluster.stop(follower);
        long started = System.nanoTime();
        cluster.start(follower);
        Await.until(Duration.ofSeconds(30), "the restarted follower is back at its applied index",
                () -> cluster.status(follower).appliedIndex() >= before.appliedIndex());
        Duration restart = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("restart after 10000 writes (applied %d, snapshot at %d): %d ms%n",
                before.appliedIndex(), before.snapshotIndex(), restart.toMillis());
        // Measured at tens of milliseconds; a restart that replays the whole log instead of
        // continuing from the state store would take far longer than this generous bound.
        assertThat(restart).as("restart time").isLessThan(Duration.ofSeconds(10));

        cluster.awaitConverged(Duration.ofSeconds(30));
        assertThat(cluster.status(follower).stateDigest()).isEqualTo(cluster.status(leader).stateDigest());
        assertThat(cluster.status(follower).snapshotsInstalled()).isZero();
    }

    /**
     * Waits for the pipelined puts; on a loaded machine leadership may move meanwhile, and a put
     * the old leader dropped is written again through the new one (puts are idempotent here).
     * Returns the leader to pipeline through next.
     */
    private long awaitWindow(Map<KvCommand, CompletableFuture<?>> window, long leader) {
        boolean leaderLost = false;
        for (Map.Entry<KvCommand, CompletableFuture<?>> put : window.entrySet()) {
            try {
                Await.result(put.getValue());
            } catch (RetryableException e) {
                cluster.write(put.getKey());
                leaderLost = true;
            }
        }
        window.clear();
        return leaderLost ? cluster.awaitLeader() : leader;
    }

    private void fill(int keys) {
        for (int from = 0; from < keys; from += KEYS_PER_BATCH) {
            List<BatchOp> ops = new ArrayList<>();
            for (int i = from; i < from + KEYS_PER_BATCH; i++) {
                ops.add(KvCommands.batchPut(ByteString.copyFromUtf8(String.format("key-%05d", i)),
                        ByteString.copyFromUtf8(value(i))));
            }
            cluster.write(KvCommands.batch(ops));
        }
    }

    private static String value(int i) {
        return ("value-" + i + "-").repeat(8);
    }
}
