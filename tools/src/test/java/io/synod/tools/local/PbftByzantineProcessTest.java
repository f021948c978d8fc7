package io.synod.tools.local;

import io.synod.kv.check.linearizability.CheckResult;
import io.synod.kv.check.linearizability.KvInput;
import io.synod.kv.check.linearizability.LinearizabilityChecker;
import io.synod.kv.check.linearizability.Operation;
import io.synod.kv.client.AdminClient;
import io.synod.kv.client.KvClient;
import io.synod.kv.sim.ByzantineReplica.Behavior;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Four PBFT node processes (f = 1) whose first primary, node 1, is Byzantine (the hidden,
 * test-only {@code --byzantine BEHAVIOUR} flag, refused without {@code --test-faults}), under
 * concurrent clients: the three correct replicas keep committing, agree, lose no acknowledged
 * write, and the history is linearizable. Runs {@code lie} and {@code equivocate} by default;
 * {@code -Dsynod.pbft.byzantine.all=true} runs every behaviour.
 */
class PbftByzantineProcessTest {

    private static final int NODES = 4;
    private static final long FAULTY = 1;
    private static final int KEYS = 6;
    private static final int CLIENTS = 4;
    private static final Duration LOAD = Duration.ofSeconds(8);
    private static final int ENOUGH_WRITES = 10;

    @TempDir
    Path dir;

    static Stream<Behavior> behaviours() {
        return Boolean.getBoolean("synod.pbft.byzantine.all") ? Arrays.stream(Behavior.values())
                : Stream.of(Behavior.LIE, Behavior.EQUIVOCATE);
    }

    @ParameterizedTest
    @MethodSource("behaviours")
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void oneByzantineReplicaLosesNoAcknowledgedWrite(Behavior behaviour) throws Exception {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            ports.add(LocalCluster.freePort());
        }
        try (LocalCluster cluster = new LocalCluster(dir, ports, List.of("--test-faults", "--consensus", "pbft"),
                (spec, p) -> { });
             KvClient kv = cluster.kvClient().callTimeout(Duration.ofSeconds(5))
                     .attemptTimeout(Duration.ofSeconds(1)).build();
             AdminClient admin = new AdminClient(cluster.addresses(), 0, Duration.ofSeconds(5))) {
            cluster.appendNodeArgs(FAULTY, List.of("--byzantine", behaviour.name().toLowerCase(Locale.ROOT)));
            cluster.startAll();
            cluster.awaitServing(Duration.ofSeconds(120));
            HistoryRecorder recorder = new HistoryRecorder(kv, KEYS);
            recorder.start(CLIENTS);
            Thread.sleep(LOAD.toMillis());
            // A loaded machine commits slowly: keep the clients going until enough writes were acknowledged.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (acknowledgedWrites(recorder.history()) < ENOUGH_WRITES && System.nanoTime() - deadline < 0) {
                Thread.sleep(500);
            }
            recorder.stop();

            List<Long> correct = cluster.specs().stream().map(NodeSpec::id).filter(id -> id != FAULTY).toList();
            ClusterChecks.awaitCaughtUp(admin, correct);
            recorder.finalReads();
            List<Operation> history = recorder.history();
            ClusterChecks.assertNoAcknowledgedWriteLost(history);
            CheckResult result = LinearizabilityChecker.check(history);
            assertThat(result.isOk()).as(result.toString()).isTrue();
            assertThat(acknowledgedWrites(history)).as("writes acknowledged with a %s replica", behaviour)
                    .isGreaterThanOrEqualTo(ENOUGH_WRITES);
        }
    }

    private static long acknowledgedWrites(List<Operation> history) {
        return history.stream().filter(op -> op.input().kind() == KvInput.Kind.PUT && !op.isIndeterminate()).count();
    }
}
