package io.synod.tools.local;

import io.synod.kv.check.linearizability.CheckResult;
import io.synod.kv.check.linearizability.KvInput;
import io.synod.kv.check.linearizability.LinearizabilityChecker;
import io.synod.kv.check.linearizability.Operation;
import io.synod.kv.client.AdminClient;
import io.synod.kv.client.KvClient;
import io.synod.kv.node.FaultClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real node processes under concurrent clients lose their leader (PBFT: primary) twice: it is
 * killed with {@code kill -9} and restarted from its data directory; then the next leader is cut
 * off from all its peers (it keeps serving its clients' connections, so a leader that did not
 * notice its deposition and answered reads from its own state would break linearizability). The
 * others elect a new leader and keep committing; after healing every node catches up, no
 * acknowledged write is lost, and the history is linearizable.
 */
final class LeaderFailoverScenario {

    private static final int KEYS = 6;
    private static final int CLIENTS = 4;

    private LeaderFailoverScenario() {
    }

    static void run(Path dir, int nodes, List<String> nodeArgs, Duration servingWithin) throws Exception {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            ports.add(LocalCluster.freePort());
        }
        try (LocalCluster cluster = new LocalCluster(dir, ports, nodeArgs, (spec, p) -> { });
             KvClient kv = cluster.kvClient().callTimeout(Duration.ofSeconds(5))
                     .attemptTimeout(Duration.ofSeconds(1)).build();
             AdminClient admin = new AdminClient(cluster.addresses(), 0, Duration.ofSeconds(5))) {
            cluster.startAll();
            cluster.awaitServing(servingWithin);
            HistoryRecorder recorder = new HistoryRecorder(kv, KEYS);
            recorder.start(CLIENTS);
            Thread.sleep(1_000);

            long killed = ClusterChecks.awaitLeader(admin);
            cluster.kill(killed);
            Thread.sleep(2_000);
            cluster.start(killed);
            ClusterChecks.awaitAllCaughtUp(admin, nodes);

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
            ClusterChecks.awaitAllCaughtUp(admin, nodes);
            Thread.sleep(500);
            recorder.stop();

            ClusterChecks.awaitAllCaughtUp(admin, nodes);
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
