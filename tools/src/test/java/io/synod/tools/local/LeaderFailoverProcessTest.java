package io.synod.tools.local;

import io.synod.kv.check.linearizability.CheckResult;
import io.synod.kv.check.linearizability.KvInput;
import io.synod.kv.check.linearizability.LinearizabilityChecker;
import io.synod.kv.check.linearizability.Operation;
import io.synod.kv.client.AdminClient;
import io.synod.kv.client.KvClient;
import io.synod.kv.node.FaultClient;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per protocol, three real node processes under concurrent clients lose their leader twice: it is
 * killed with {@code kill -9} and restarted from its data directory; then the next leader is cut
 * off from both peers (it keeps serving its clients' connections, so a leader that did not notice
 * its deposition and answered reads from its own state would break linearizability). The others
 * elect a new leader and keep committing; after healing every node catches up, no acknowledged
 * write is lost, and the history is linearizable.
 */
class LeaderFailoverProcessTest {

    private static final List<String> NODE_ARGS = List.of("--test-faults", "--snapshot-threshold", "200");
    private static final int NODES = 3;
    private static final int KEYS = 6;
    private static final int CLIENTS = 4;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"multipaxos", "raft"})
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void killedAndCutOffLeadersLoseNoAcknowledgedWrite(String protocol) throws Exception {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            ports.add(LocalCluster.freePort());
        }
        List<String> nodeArgs = new ArrayList<>(NODE_ARGS);
        nodeArgs.addAll(List.of("--consensus", protocol));
        try (LocalCluster cluster = new LocalCluster(dir, ports, nodeArgs, (spec, p) -> { });
             KvClient kv = KvClient.builder(cluster.addresses()).callTimeout(Duration.ofSeconds(5))
                     .attemptTimeout(Duration.ofSeconds(1)).build();
             AdminClient admin = new AdminClient(cluster.addresses(), 0, Duration.ofSeconds(5))) {
            cluster.startAll();
            cluster.awaitServing(Duration.ofSeconds(60));
            HistoryRecorder recorder = new HistoryRecorder(kv, KEYS);
            recorder.start(CLIENTS);
            Thread.sleep(1_000);

            long killed = ClusterChecks.awaitLeader(admin);
            cluster.kill(killed);
            Thread.sleep(2_000);
            cluster.start(killed);
            ClusterChecks.awaitAllCaughtUp(admin, NODES);

            long cut = ClusterChecks.awaitLeader(admin);
            List<Long> others = cluster.specs().stream().map(NodeSpec::id).filter(id -> id != cut).toList();
            long successor;
            long cutOffFrom;
            long healedAt;
            try (FaultClient faults = new FaultClient(cluster.spec(cut).address())) {
                faults.dropTraffic(others);
                successor = ClusterChecks.awaitLeaderOtherThan(admin, cut);
                cutOffFrom = System.nanoTime();
                Thread.sleep(3_000);
                healedAt = System.nanoTime();
                faults.restoreTraffic(others);
            }
            assertThat(others).as("the new leader").contains(successor);
            ClusterChecks.awaitAllCaughtUp(admin, NODES);
            Thread.sleep(500);
            recorder.stop();

            ClusterChecks.awaitAllCaughtUp(admin, NODES);
            recorder.finalReads();
            List<Operation> history = recorder.history();
            assertThat(history.stream().filter(op -> op.input().kind() == KvInput.Kind.PUT && !op.isIndeterminate()
                    && op.callTime() >= cutOffFrom && op.returnTime() <= healedAt))
                    .as("writes acknowledged while the old leader was cut off").isNotEmpty();
            ClusterChecks.assertNoAcknowledgedWriteLost(history);
            CheckResult result = LinearizabilityChecker.check(history);
            assertThat(result.isOk()).as(result.toString()).isTrue();
        }
    }
}
