package io.synod.kv.runtime;

import com.google.protobuf.ByteString;
import io.synod.kv.statemachine.KvCommands;
import io.synod.kv.testing.Await;
import io.synod.kv.transport.codec.PeerCodec;
import io.synod.proto.kv.KvCommandResult;
import io.synod.proto.kv.ReadConsistency;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A 3-node cluster in one JVM over real LMDB stores: writes, reads, and request failures. */
@Timeout(60)
class GroupReplicaTest {

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
    void electsALeaderAndCommitsConcurrentPutsFromSeveralThreads() throws Exception {
        // Every message also goes through the peer wire codec, as between processes.
        cluster = new LocalCluster(InProcessTransport.withWireFormat(new PeerCodec(), "test-cluster"), dir, 3,
                UnaryOperator.identity());
        cluster.awaitLeader();
        int threads = 6;
        int perThread = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int writer = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    assertThat(cluster.put("w" + writer + "-" + i, "v" + i).hasPut()).isTrue();
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        cluster.awaitConverged(Duration.ofSeconds(10));
        KvCommandResult all = Await.result(cluster.replica(cluster.awaitLeader())
                .read(KvCommands.scanQuery(ByteString.EMPTY, ByteString.EMPTY, 0, false)));
        assertThat(all.getScan().getKvsCount()).isEqualTo(threads * perThread);
        assertThat(cluster.network.droppedCount()).isZero();
    }

    @Test
    void aGetAfterAPutSeesItOnEveryNode() {
        cluster = new LocalCluster(dir, 3, UnaryOperator.identity());
        for (int i = 0; i < 20; i++) {
            cluster.put("k", "v" + i);
            for (long node : cluster.running()) {
                KvCommandResult got = cluster.get(node, "k");
                assertThat(got.getGet().getKv().getValue().toStringUtf8()).isEqualTo("v" + i);
            }
        }
    }

    @Test
    void aFollowerRefusesWritesWithTheLeadersId() {
        cluster = new LocalCluster(dir, 3, UnaryOperator.identity());
        long leader = cluster.awaitLeader();
        cluster.put("warm", "up");
        long follower = cluster.running().stream().filter(id -> id != leader).findFirst().orElseThrow();

        assertThatThrownBy(() -> Await.result(cluster.replica(follower)
                .propose(KvCommands.put(ByteString.copyFromUtf8("k"), ByteString.copyFromUtf8("v")))))
                .isInstanceOfSatisfying(NotLeaderException.class, e -> assertThat(e.leaderHint()).isEqualTo(leader));
    }

    @Test
    void boundedStalenessReadsAreServedLocallyOnceFresh() throws InterruptedException {
        cluster = new LocalCluster(dir, 3, UnaryOperator.identity());
        long leader = cluster.awaitLeader();
        long follower = cluster.running().stream().filter(id -> id != leader).findFirst().orElseThrow();
        cluster.put("k", "v1");
        cluster.get(follower, "k");
        // The follower confirmed its state a moment ago; cut it off: a read allowing a minute
        // of staleness is still served from local state, a linearizable one is not.
        cluster.network.isolate(follower);
        KvCommandResult stale = Await.result(cluster.replica(follower).read(
                KvCommands.getQuery(ByteString.copyFromUtf8("k")), ReadConsistency.BOUNDED_STALENESS,
                Duration.ofMinutes(1)));
        assertThat(stale.getGet().getKv().getValue().toStringUtf8()).isEqualTo("v1");
        // Let messages that were already on their way before the cut arrive first.
        Thread.sleep(200);
        assertThatThrownBy(() -> Await.result(cluster.replica(follower).read(
                KvCommands.getQuery(ByteString.copyFromUtf8("k")), ReadConsistency.BOUNDED_STALENESS,
                Duration.ofMillis(1))))
                .isInstanceOf(RetryableException.class);
    }

    @Test
    void leaseReadsOnTheLeaderSeeThePrecedingPut() {
        cluster = new LocalCluster(dir, 3, c -> c.withLeaseReads(true));
        long leader = cluster.awaitLeader();
        for (int i = 0; i < 10; i++) {
            cluster.put("k", "v" + i);
            KvCommandResult got = Await.result(cluster.replica(leader).read(
                    KvCommands.getQuery(ByteString.copyFromUtf8("k")), ReadConsistency.LEASE, Duration.ZERO));
            assertThat(got.getGet().getKv().getValue().toStringUtf8()).isEqualTo("v" + i);
        }
    }

    @Test
    void tooManyPendingProposalsAreRefusedAsBusy() {
        cluster = new LocalCluster(dir, 3, c -> c.withLimits(1, 1, Duration.ofSeconds(2)));
        long leader = cluster.awaitLeader();
        cluster.put("warm", "up");
        // With no quorum reachable nothing commits, so the first proposal stays pending.
        cluster.running().stream().filter(id -> id != leader).forEach(cluster.network::isolate);
        GroupReplica<?> replica = cluster.replica(leader);
        var first = replica.propose(KvCommands.put(ByteString.copyFromUtf8("a"), ByteString.copyFromUtf8("1")));
        var second = replica.propose(KvCommands.put(ByteString.copyFromUtf8("b"), ByteString.copyFromUtf8("2")));

        assertThatThrownBy(() -> Await.result(second)).isInstanceOf(BusyException.class);
        assertThatThrownBy(() -> Await.result(first)).isInstanceOfSatisfying(RetryableException.class,
                e -> assertThat(e.outcomeUnknown()).isTrue());
    }
}
