package io.synod.tools.local;

import io.synod.kv.client.AdminClient;
import io.synod.kv.client.KeyValue;
import io.synod.kv.client.KvClient;
import io.synod.kv.client.MemberInfo;
import io.synod.kv.client.ScanResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three node processes compacting every 100 entries: a follower killed with {@code kill -9}
 * misses 2,000 writes, is restarted with its own command, catches up through a snapshot (its
 * log says so) to the leader's applied index, and then serves a linearizable scan of every key.
 */
class SnapshotCatchUpProcessTest {

    private static final List<String> NODE_ARGS = List.of("--snapshot-threshold", "100");
    private static final int KEYS = 2_000;
    /**
     * Few writes in flight keep the leader's APPENDs small: while the follower is down the leader
     * sends it at most one inflight window (256 APPENDs), which its transport queues and delivers
     * after the restart. With at most 5 entries per APPEND that window cannot carry all 2,000
     * writes, so the rest, compacted away meanwhile, must come as a snapshot.
     */
    private static final int IN_FLIGHT = 5;
    private static final String INSTALLED_SNAPSHOT = "installed snapshot at index";

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aKilledFollowerRestartsAndCatchesUpThroughASnapshot() throws Exception {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ports.add(LocalCluster.freePort());
        }
        try (LocalCluster cluster = new LocalCluster(dir, ports, NODE_ARGS, (spec, p) -> { });
             KvClient kv = KvClient.builder(cluster.addresses()).callTimeout(Duration.ofSeconds(10)).build();
             AdminClient admin = new AdminClient(cluster.addresses(), 0, Duration.ofSeconds(5))) {
            cluster.startAll();
            cluster.awaitServing(Duration.ofSeconds(60));
            long leader = awaitLeader(admin);
            long follower = leader == 1 ? 2 : 1;
            cluster.kill(follower);

            long writing = System.nanoTime();
            writeKeys(kv);
            long writeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - writing);
            Path followerLog = cluster.dir().resolve("node" + follower + ".log");
            long logBeforeRestart = Files.size(followerLog);
            cluster.start(follower);

            long restarted = System.nanoTime();
            MemberInfo caughtUp = awaitCaughtUp(admin, follower);
            System.out.printf("snapshot catch-up: %d puts in %d ms; node %d restarted and applied %d "
                            + "(leader commit %d) in %d ms%n", KEYS, writeMillis, follower, caughtUp.appliedIndex(),
                    caughtUp.commitIndex(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restarted));
            String logSinceRestart = Files.readString(followerLog).substring((int) logBeforeRestart);
            assertThat(logSinceRestart).as("node " + follower + " log since its restart")
                    .contains(INSTALLED_SNAPSHOT);

            try (KvClient throughFollower = KvClient.builder(List.of(cluster.spec(follower).address()))
                    .callTimeout(Duration.ofSeconds(10)).build()) {
                ScanResult scan = throughFollower.scan(bytes("key-"), bytes("key."), 0, false);
                assertThat(scan.more()).isFalse();
                assertThat(scan.kvs()).hasSize(KEYS);
                for (int i = 0; i < KEYS; i++) {
                    KeyValue entry = scan.kvs().get(i);
                    assertThat(new String(entry.key(), StandardCharsets.UTF_8)).isEqualTo(key(i));
                    assertThat(entry.valueUtf8()).isEqualTo("value-" + i);
                }
            }
        }
    }

    /** Puts every key, {@value #IN_FLIGHT} at a time, and waits for all acknowledgements. */
    private static void writeKeys(KvClient kv) {
        Semaphore window = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<?>> puts = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
            window.acquireUninterruptibly();
            puts.add(kv.putAsync(bytes(key(i)), bytes("value-" + i)).whenComplete((ok, error) -> window.release()));
        }
        CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).join();
    }

    private static long awaitLeader(AdminClient admin) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() - deadline < 0) {
            Optional<MemberInfo> leader = statusOrEmpty(admin).stream().filter(m -> m.role().equals("LEADER"))
                    .findFirst();
            if (leader.isPresent()) {
                return leader.get().nodeId();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no leader within 20 s");
    }

    /** Waits until {@code nodeId} answers and has applied everything the leader has applied. */
    private static MemberInfo awaitCaughtUp(AdminClient admin, long nodeId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        List<MemberInfo> last = List.of();
        while (System.nanoTime() - deadline < 0) {
            last = statusOrEmpty(admin);
            Optional<MemberInfo> leader = last.stream().filter(m -> m.role().equals("LEADER")).findFirst();
            Optional<MemberInfo> node = last.stream().filter(m -> m.nodeId() == nodeId
                    && !m.role().equals("UNREACHABLE")).findFirst();
            if (leader.isPresent() && node.isPresent() && node.get().appliedIndex() >= leader.get().appliedIndex()) {
                return node.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("node " + nodeId + " did not catch up with the leader within 40 s: " + last);
    }

    private static List<MemberInfo> statusOrEmpty(AdminClient admin) {
        try {
            return admin.status();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private static String key(int i) {
        return String.format("key-%05d", i);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
