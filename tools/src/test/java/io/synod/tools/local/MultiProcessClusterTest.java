package io.synod.tools.local;

import io.synod.kv.check.linearizability.CheckResult;
import io.synod.kv.check.linearizability.KvInput;
import io.synod.kv.check.linearizability.LinearizabilityChecker;
import io.synod.kv.check.linearizability.Operation;
import io.synod.kv.client.AdminClient;
import io.synod.kv.client.KvClient;
import io.synod.kv.node.FaultClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real node processes on 127.0.0.1 under concurrent clients: the leader is killed with
 * {@code kill -9} and restarted from its data directory, repeatedly; then a follower is cut off
 * from its peers and healed. Afterwards every node catches up, no acknowledged write is lost,
 * and the recorded history is linearizable. Raft with three and five nodes, Multi-Paxos with three.
 */
class MultiProcessClusterTest {

    /**
     * Default timing (elections after 1-2 s: shorter ones cause spurious elections on a loaded
     * 2-core machine) and frequent compactions, so restarts catch up through snapshots too.
     */
    private static final List<String> NODE_ARGS = List.of("--test-faults", "--snapshot-threshold", "200");
    private static final int KEYS = 8;
    private static final int CLIENTS = 4;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void threeNodesSurviveLeaderCrashesAndAPartitionedFollower() throws Exception {
        runScenario(3, 2);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void fiveNodesSurviveLeaderCrashesAndAPartitionedFollower() throws Exception {
        runScenario(5, 2);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void threeMultiPaxosNodesSurviveLeaderCrashesAndAPartitionedFollower() throws Exception {
        runScenario(3, 1, "--consensus", "multipaxos");
    }

    private void runScenario(int nodes, int leaderCrashes, String... extraNodeArgs) throws Exception {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            ports.add(LocalCluster.freePort());
        }
        List<String> nodeArgs = new ArrayList<>(NODE_ARGS);
        nodeArgs.addAll(List.of(extraNodeArgs));
        try (LocalCluster cluster = new LocalCluster(dir, ports, nodeArgs, (spec, p) -> { });
             KvClient kv = KvClient.builder(cluster.addresses()).callTimeout(Duration.ofSeconds(5))
                     .attemptTimeout(Duration.ofSeconds(1)).build();
             AdminClient admin = new AdminClient(cluster.addresses(), 0, Duration.ofSeconds(5))) {
            cluster.startAll();
            cluster.awaitServing(Duration.ofSeconds(60));
            HistoryRecorder recorder = new HistoryRecorder(kv, KEYS);
            recorder.start(CLIENTS);
            Thread.sleep(1_000);
            for (int round = 0; round < leaderCrashes; round++) {
                long leader = ClusterChecks.awaitLeader(admin);
                cluster.kill(leader);
                Thread.sleep(2_000);
                cluster.start(leader);
                Thread.sleep(2_000);
            }
            ClusterChecks.awaitAllCaughtUp(admin, nodes);
            long leader = ClusterChecks.awaitLeader(admin);
            long follower = leader == 1 ? 2 : 1;
            List<Long> others = cluster.specs().stream().map(NodeSpec::id).filter(id -> id != follower).toList();
            try (FaultClient faults = new FaultClient(cluster.spec(follower).address())) {
                faults.dropTraffic(others);
                Thread.sleep(2_000);
                faults.restoreTraffic(others);
            }
            Thread.sleep(1_000);
            recorder.stop();

            ClusterChecks.awaitAllCaughtUp(admin, nodes);
            recorder.finalReads();
            List<Operation> history = recorder.history();
            assertThat(history.stream().filter(op -> op.input().kind() == KvInput.Kind.PUT && !op.isIndeterminate()))
                    .as("acknowledged writes").hasSizeGreaterThan(20);
            ClusterChecks.assertNoAcknowledgedWriteLost(history);
            CheckResult result = LinearizabilityChecker.check(history);
            assertThat(result.isOk()).as(result.toString()).isTrue();
        }
    }
}
