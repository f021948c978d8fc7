package io.synod.kv.load;

import com.google.protobuf.ByteString;
import io.synod.kv.consensus.api.EngineStatus;
import io.synod.kv.consensus.raft.RaftMessage;
import io.synod.kv.runtime.GroupReplica;
import io.synod.kv.runtime.ReplicaStatus;
import io.synod.kv.statemachine.KvCommands;
import io.synod.kv.testing.Await;
import io.synod.kv.transport.grpc.FaultInjection;
import io.synod.kv.transport.grpc.GrpcTransport;
import io.synod.kv.transport.grpc.PeerStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A follower stops answering while the leader takes a heavy write load: the leader's memory for
 * it stays bounded (the transport's per-peer queue, the Raft inflight window, the heap), and once
 * the follower is back it catches up through a snapshot to the same state.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SlowFollowerMemoryTest {

    private static final long GROUP = 1;
    private static final int QUEUE_MAX_MESSAGES = 1_000;
    private static final long QUEUE_MAX_BYTES = 4L << 20;
    /** The engine's defaults (EngineConfig.defaults): inflight APPENDs per follower and bytes per APPEND. */
    private static final int MAX_INFLIGHT_MESSAGES = 256;
    private static final int MAX_BYTES_PER_MESSAGE = 1 << 20;
    /** The test timing (GrpcTestCluster.testConfig): a heartbeat every 3 ticks of 10 ms. */
    private static final long HEARTBEAT_MILLIS = 30;
    private static final int VALUE_BYTES = 1024;
    private static final int KEYS = 4_000;
    private static final int PUTS = 30_000;
    private static final int WRITERS = 4;
    private static final int IN_FLIGHT_PER_WRITER = 128;
    private static final long HEAP_GROWTH_LIMIT = 24L << 20;

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
    void aPausedFollowerCostsTheLeaderBoundedMemoryAndCatchesUpThroughASnapshot() throws Exception {
        cluster = new GrpcTestCluster(dir, 3, Set.of(GROUP),
                t -> t.withQueueLimits(QUEUE_MAX_MESSAGES, QUEUE_MAX_BYTES),
                r -> r.withSnapshotThreshold(2_000));
        long leader = cluster.awaitLeader(GROUP);
        long follower = cluster.ids().stream().filter(id -> id != leader).findFirst().orElseThrow();
        GroupReplica<RaftMessage> leaderReplica = cluster.replica(leader, GROUP);
        GrpcTransport leaderTransport = cluster.node(leader).transport();

        // The whole key space exists before the baseline, so the load below only overwrites.
        runLoad(leaderReplica, KEYS, 0);
        cluster.awaitConverged(GROUP, Duration.ofSeconds(20));
        long heapBefore = heapUsedAfterGc();
        long termBefore = cluster.status(leader, GROUP).engine().term();

        // Paused: the follower drops all it receives and sends nothing. The leader's link to it
        // is also slow, so what the leader sends piles up in its per-peer queue.
        FaultInjection followerFaults = cluster.node(follower).transport().faults();
        FaultInjection leaderFaults = leaderTransport.faults();
        followerFaults.pause();
        leaderFaults.delayTrafficTo(follower, Duration.ofSeconds(2));
        PeerStats statsBefore = leaderTransport.stats(follower);

        Sampler sampler = new Sampler(leaderReplica, leaderTransport, follower);
        sampler.start();
        long started = System.nanoTime();
        runLoad(leaderReplica, PUTS, 1);
        long loadMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        sampler.stopAndJoin();
        ReplicaStatus leaderAfterLoad = cluster.status(leader, GROUP);
        long heapAfter = heapUsedAfterGc();
        PeerStats statsAfter = leaderTransport.stats(follower);
        long messagesToFollower = offered(statsAfter) - offered(statsBefore);
        System.out.printf("slow follower: %d puts of %d B in %d ms; %d messages to the follower; "
                        + "queue max %d msgs / %d B; dropped %d; progress next-match max %d (leader last index %d, follower match %d); "
                        + "heap %d -> %d MiB%n",
                PUTS, VALUE_BYTES, loadMillis, messagesToFollower, sampler.maxQueuedMessages.get(), sampler.maxQueuedBytes.get(),
                statsAfter.dropped() - statsBefore.dropped(), sampler.maxUnacknowledged.get(),
                leaderAfterLoad.engine().lastIndex(), sampler.lastMatch.get(), heapBefore >> 20, heapAfter >> 20);

        assertThat(sampler.failure.get()).as("sampler failure").isNull();
        assertThat(leaderAfterLoad.engine().term()).as("the leader kept its term").isEqualTo(termBefore);
        assertThat(sampler.maxQueuedMessages.get()).isLessThanOrEqualTo(QUEUE_MAX_MESSAGES);
        assertThat(sampler.maxQueuedBytes.get()).isLessThanOrEqualTo(QUEUE_MAX_BYTES + MAX_BYTES_PER_MESSAGE + 4096);
        assertThat(statsAfter.dropped() - statsBefore.dropped())
                .as("messages dropped at the full queue or while the window was shut").isPositive();
        // Unanswered, the leader sends at most one inflight window of APPENDs, then only heartbeats.
        assertThat(messagesToFollower).isLessThanOrEqualTo(MAX_INFLIGHT_MESSAGES + 2 * loadMillis / HEARTBEAT_MILLIS + 50);
        // Entries sent but not acknowledged: at most the inflight window of full APPENDs.
        assertThat(sampler.maxUnacknowledged.get())
                .isLessThanOrEqualTo((long) MAX_INFLIGHT_MESSAGES * (MAX_BYTES_PER_MESSAGE / VALUE_BYTES));
        assertThat(leaderAfterLoad.engine().lastIndex() - sampler.lastMatch.get())
                .as("the follower really fell behind").isGreaterThanOrEqualTo(PUTS);
        assertThat(heapAfter - heapBefore).as("heap growth while the follower is paused")
                .isLessThan(HEAP_GROWTH_LIMIT);

        leaderFaults.delayTrafficTo(follower, Duration.ZERO);
        followerFaults.resume();
        cluster.awaitConverged(GROUP, Duration.ofSeconds(30));
        ReplicaStatus caughtUp = cluster.status(follower, GROUP);
        assertThat(caughtUp.snapshotsInstalled()).as("snapshots installed on the follower").isGreaterThanOrEqualTo(1);
        assertThat(caughtUp.stateDigest()).isEqualTo(cluster.status(leader, GROUP).stateDigest());
        assertThat(cluster.status(leader, GROUP).engine().term()).isEqualTo(termBefore);
    }

    /** {@code puts} puts of {@value #VALUE_BYTES}-byte values over the key space, from several threads. */
    private static void runLoad(GroupReplica<RaftMessage> leader, int puts, int round) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            Thread t = new Thread(() -> {
                Semaphore window = new Semaphore(IN_FLIGHT_PER_WRITER);
                int i;
                while ((i = next.getAndIncrement()) < puts) {
                    window.acquireUninterruptibly();
                    leader.propose(KvCommands.put(key(i % KEYS), value(round, i))).whenComplete((ok, error) -> {
                        if (error != null) {
                            failures.incrementAndGet();
                            firstFailure.compareAndSet(null, error);
                        }
                        window.release();
                    });
                }
                window.acquireUninterruptibly(IN_FLIGHT_PER_WRITER);
            }, "writer-" + w);
            writers.add(t);
            t.start();
        }
        for (Thread t : writers) {
            t.join();
        }
        assertThat(failures.get()).as("failed puts, first: " + firstFailure.get()).isZero();
    }

    private static ByteString key(int k) {
        return ByteString.copyFromUtf8(String.format("key-%05d", k));
    }

    private static ByteString value(int round, int i) {
        byte[] value = new byte[VALUE_BYTES];
        Arrays.fill(value, (byte) ('a' + (i + round) % 26));
        return ByteString.copyFrom(value);
    }

    /** Messages the leader's transport accepted or refused for the peer: everything the engine sent it. */
    private static long offered(PeerStats stats) {
        return stats.sent() + stats.dropped() + stats.queuedMessages();
    }

    private static long heapUsedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Await.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Samples the leader's queue and progress for the paused follower every 20 ms. */
    private static final class Sampler extends Thread {
        final AtomicInteger maxQueuedMessages = new AtomicInteger();
        final AtomicLong maxQueuedBytes = new AtomicLong();
        final AtomicLong maxUnacknowledged = new AtomicLong();
        final AtomicLong lastMatch = new AtomicLong();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final GroupReplica<RaftMessage> leader;
        private final GrpcTransport transport;
        private final long follower;
        private volatile boolean running = true;

        Sampler(GroupReplica<RaftMessage> leader, GrpcTransport transport, long follower) {
            super("leader-sampler");
            this.leader = leader;
            this.transport = transport;
            this.follower = follower;
        }

        @Override
        public void run() {
            try {
                while (running) {
                    PeerStats stats = transport.stats(follower);
                    maxQueuedMessages.accumulateAndGet(stats.queuedMessages(), Math::max);
                    maxQueuedBytes.accumulateAndGet(stats.queuedBytes(), Math::max);
                    EngineStatus.PeerProgress progress = Await.result(leader.status()).engine().progress()
                            .get(follower);
                    maxUnacknowledged.accumulateAndGet(progress.next() - 1 - progress.match(), Math::max);
                    lastMatch.set(progress.match());
                    Thread.sleep(20);
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }

        void stopAndJoin() throws InterruptedException {
            running = false;
            join();
        }
    }
}
