package io.synod.kv.node;

import io.synod.kv.client.AdminClient;
import io.synod.kv.client.KvClient;
import io.synod.kv.client.MemberInfo;
import io.synod.proto.admin.LogEntrySummary;
import io.grpc.StatusRuntimeException;
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
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Three real nodes in this JVM over gRPC and LMDB: serve, restart from the data dir, refuse faults without the flag. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SynodNodeTest {

    @TempDir
    Path dir;

    @Test
    void servesRestartsFromItsDataDirAndKeepsState() throws Exception {
        Map<Long, String> peers = new TreeMap<>();
        for (long id = 1; id <= 3; id++) {
            peers.put(id, "127.0.0.1:" + freePort());
        }
        Map<Long, SynodNode> nodes = new TreeMap<>();
        try {
            for (long id : peers.keySet()) {
                nodes.put(id, SynodNode.start(config(id, peers)));
            }
            List<String> endpoints = new ArrayList<>(peers.values());
            try (KvClient kv = KvClient.builder(endpoints).callTimeout(Duration.ofSeconds(20)).build()) {
                for (int i = 0; i < 50; i++) {
                    kv.put(bytes("k" + i), bytes("v" + i));
                }
                nodes.remove(2L).close();
                nodes.put(2L, SynodNode.start(config(2, peers)));
                kv.put(bytes("after"), bytes("restart"));
                assertThat(kv.get(bytes("k7")).orElseThrow().valueUtf8()).isEqualTo("v7");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (nodes.get(2L).status().appliedIndex() < nodes.get(1L).status().engine().commitIndex()
                        && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(nodes.get(2L).status().appliedIndex()).isGreaterThanOrEqualTo(51);
            }
            try (AdminClient admin = new AdminClient(endpoints, 0, Duration.ofSeconds(10))) {
                List<MemberInfo> members = admin.status();
                assertThat(members).extracting(MemberInfo::nodeId).containsExactly(1L, 2L, 3L);
                assertThat(members).extracting(MemberInfo::role).containsOnlyOnce("LEADER");
            }
            assertRecentLogIsTheLeadersFromEveryNode(peers);
            try (FaultClient faults = new FaultClient(peers.get(1L))) {
                assertThatThrownBy(() -> faults.dropTraffic(List.of(2L)))
                        .isInstanceOf(StatusRuntimeException.class).hasMessageContaining("FAILED_PRECONDITION");
            }
        } finally {
            nodes.values().forEach(SynodNode::close);
        }
    }

    /** Followers forward RecentLog to the leader: every node describes the same newest entries, newest first. */
    private static void assertRecentLogIsTheLeadersFromEveryNode(Map<Long, String> peers) {
        List<List<LogEntrySummary>> answers = new ArrayList<>();
        for (String address : peers.values()) {
            try (AdminClient one = new AdminClient(List.of(address), 0, Duration.ofSeconds(10))) {
                answers.add(one.recentLog(10));
            }
        }
        List<LogEntrySummary> newest = answers.get(0);
        assertThat(newest).hasSize(10);
        assertThat(newest.get(0).getKind()).as("the last write, put(after, restart)").isEqualTo("PUT");
        assertThat(newest.get(0).getSizeBytes()).isPositive();
        for (int i = 1; i < newest.size(); i++) {
            assertThat(newest.get(i).getIndex()).isEqualTo(newest.get(i - 1).getIndex() - 1);
        }
        assertThat(answers).allMatch(newest::equals);
        try (AdminClient any = new AdminClient(List.copyOf(peers.values()), 0, Duration.ofSeconds(10))) {
            List<LogEntrySummary> whole = any.recentLog(5_000);
            assertThat(whole.get(0).getIndex()).isEqualTo(newest.get(0).getIndex());
            assertThat(whole.get(whole.size() - 1).getIndex()).isEqualTo(1);
            assertThat(whole).extracting(LogEntrySummary::getKind).contains("NOOP", "PUT").doesNotContain("UNKNOWN");
        }
    }

    @Test
    void aNodeOnTheSqliteStateStoreReachesTheSameStateAsTheLmdbNodesAndKeepsItOverARestart() throws Exception {
        Map<Long, String> peers = new TreeMap<>();
        for (long id = 1; id <= 3; id++) {
            peers.put(id, "127.0.0.1:" + freePort());
        }
        Map<Long, SynodNode> nodes = new TreeMap<>();
        try {
            for (long id : peers.keySet()) {
                NodeConfig config = config(id, peers);
                nodes.put(id, SynodNode.start(id == 3 ? config.withStateStore(StateStoreKind.SQLITE) : config));
            }
            try (KvClient kv = KvClient.builder(new ArrayList<>(peers.values()))
                    .callTimeout(Duration.ofSeconds(20)).build()) {
                for (int i = 0; i < 200; i++) {
                    kv.put(bytes("k" + i), bytes("v" + i));
                }
                nodes.remove(3L).close();
                nodes.put(3L, SynodNode.start(config(3, peers).withStateStore(StateStoreKind.SQLITE)));
                kv.put(bytes("after"), bytes("restart"));
            }
            assertThat(dir.resolve("node-3").resolve("group-1").resolve("state.sqlite")).exists();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!sameState(nodes) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(sameState(nodes)).as("all nodes applied the same state").isTrue();
        } finally {
            nodes.values().forEach(SynodNode::close);
        }
    }

    private static boolean sameState(Map<Long, SynodNode> nodes) {
        return nodes.values().stream().map(n -> n.status().appliedIndex() + ":" + n.status().stateDigest())
                .distinct().count() == 1;
    }

    @Test
    void refusesADataDirOfAnotherNode() throws Exception {
        Map<Long, String> peers = Map.of(1L, "127.0.0.1:" + freePort());
        SynodNode.start(config(1, peers)).close();
        Map<Long, String> other = Map.of(2L, "127.0.0.1:" + freePort());
        NodeConfig wrong = NodeConfig.of(2, other.get(2L), other, dir.resolve("node-1"));
        assertThatThrownBy(() -> SynodNode.start(wrong)).hasMessageContaining("belongs to node 1");
    }

    private NodeConfig config(long id, Map<Long, String> peers) {
        return NodeConfig.of(id, peers.get(id), peers, dir.resolve("node-" + id)).withTicks(Duration.ofMillis(10), 30, 3);
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
