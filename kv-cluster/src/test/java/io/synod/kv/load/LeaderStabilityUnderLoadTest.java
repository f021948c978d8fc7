package io.synod.kv.load;

import io.synod.kv.client.Consistency;
import io.synod.kv.client.KvClient;
import io.synod.kv.consensus.api.EngineStatus;
import io.synod.kv.consensus.api.Role;
import io.synod.kv.node.NodeConfig;
import io.synod.kv.node.SynodNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A healthy three-node cluster (real nodes over gRPC and LMDB, production timing) under heavy
 * concurrent writes and linearizable reads keeps one leader in one term, and every operation
 * succeeds.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LeaderStabilityUnderLoadTest {

    private static final int WRITERS = 16;
    private static final int READERS = 16;
    private static final int KEYS = 256;
    private static final Duration LOAD = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void heavyReadsAndWritesDoNotMakeAHealthyLeaderStepDown() throws Exception {
        Map<Long, String> peers = new TreeMap<>();
        for (long id = 1; id <= 3; id++) {
            peers.put(id, "127.0.0.1:" + freePort());
        }
        Map<Long, SynodNode> nodes = new TreeMap<>();
        try {
            for (long id : peers.keySet()) {
                nodes.put(id, SynodNode.start(NodeConfig.of(id, peers.get(id), peers, dir.resolve("node-" + id))));
            }
            try (KvClient kv = KvClient.builder(new ArrayList<>(peers.values()))
                    .callTimeout(Duration.ofSeconds(10)).build()) {
                for (int k = 0; k < KEYS; k++) {
                    kv.put(key(k), bytes("initial"));
                }
                EngineStatus initial = leaderStatus(nodes);
                Set<String> observed = new TreeSet<>();
                ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
                AtomicLong writes = new AtomicLong();
                AtomicLong reads = new AtomicLong();
                long end = System.nanoTime() + LOAD.toNanos();
                List<Thread> clients = new ArrayList<>();
                for (int t = 0; t < WRITERS + READERS; t++) {
                    boolean writer = t < WRITERS;
                    SplittableRandom random = new SplittableRandom(t);
                    clients.add(new Thread(() -> {
                        while (System.nanoTime() - end < 0) {
                            int k = random.nextInt(KEYS);
                            try {
                                if (writer) {
                                    kv.put(key(k), bytes("v-" + writes.incrementAndGet()));
                                } else {
                                    assertThat(kv.get(key(k), Consistency.LINEARIZABLE)).isPresent();
                                    reads.incrementAndGet();
                                }
                            } catch (Throwable e) {
                                failures.add(e);
                            }
                        }
                    }, (writer ? "writer-" : "reader-") + t));
                }
                clients.forEach(Thread::start);
                long samples = 0;
                while (System.nanoTime() - end < 0) {
                    for (SynodNode node : nodes.values()) {
                        EngineStatus s = node.status().engine();
                        observed.add("node " + s.id() + ": " + s.role() + " term " + s.term() + " leader " + s.leaderId());
                    }
                    samples++;
                    Thread.sleep(100);
                }
                for (Thread t : clients) {
                    t.join(20_000);
                }
                System.out.printf("leader stability: %d writes and %d linearizable reads in %d s; %d status samples; "
                        + "observed %s%n", writes.get(), reads.get(), LOAD.toSeconds(), samples, observed);

                assertThat(failures).as("failed operations").isEmpty();
                Set<String> expected = new TreeSet<>();
                for (long id : nodes.keySet()) {
                    expected.add("node " + id + ": " + (id == initial.id() ? Role.LEADER : Role.FOLLOWER)
                            + " term " + initial.term() + " leader " + initial.id());
                }
                assertThat(observed).as("every node's role, term and leader throughout").isEqualTo(expected);
                assertThat(writes.get()).isGreaterThan(500);
                assertThat(reads.get()).isGreaterThan(500);
            }
        } finally {
            nodes.values().forEach(SynodNode::close);
        }
    }

    private static EngineStatus leaderStatus(Map<Long, SynodNode> nodes) {
        for (SynodNode node : nodes.values()) {
            EngineStatus s = node.status().engine();
            if (s.role() == Role.LEADER) {
                return s;
            }
        }
        throw new AssertionError("no leader after the initial writes");
    }

    private static byte[] key(int k) {
        return bytes("key-" + k);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
