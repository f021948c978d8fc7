package io.synod.tools.bench.consensus;

import io.synod.kv.client.KvClient;
import io.synod.kv.node.FaultClient;
import io.synod.tools.bench.BenchCluster;
import io.synod.tools.bench.PhaseResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Measures a protocol on a local cluster of separate node processes: one cluster per protocol,
 * started with fault injection enabled, warmed up once, then measured under each network
 * condition in turn, set on every node's outbound peer links through its fault service.
 */
final class LocalClusterRuns {

    private final int clients;
    private final int keys;
    private final int valueBytes;
    private final Duration initialWarmup;
    private final Duration warmup;
    private final Duration measured;
    private final Consumer<String> progress;

    LocalClusterRuns(int clients, int keys, int valueBytes, Duration initialWarmup, Duration warmup,
                     Duration measured, Consumer<String> progress) {
        this.clients = clients;
        this.keys = keys;
        this.valueBytes = valueBytes;
        this.initialWarmup = initialWarmup;
        this.warmup = warmup;
        this.measured = measured;
        this.progress = progress;
    }

    /** One result per condition, in order; {@code seed} seeds the link draws and the clients' choices. */
    List<PhaseResult> measure(String protocol, int replicas, List<NetCondition> conditions, long seed)
            throws InterruptedException {
        List<PhaseResult> results = new ArrayList<>();
        try (BenchCluster cluster = BenchCluster.startLocal("consensus", replicas,
                List.of("--consensus", protocol, "--test-faults"));
             KvClient client = cluster.kvClient().callTimeout(Duration.ofSeconds(10)).build()) {
            MixedLoad load = new MixedLoad(client, keys, valueBytes);
            progress.accept(protocol + ": loading " + keys + " keys, then " + initialWarmup.toSeconds()
                    + " s of unrecorded load so the nodes' JIT compilers settle");
            load.preload();
            load.run(clients, Duration.ZERO, initialWarmup, seed);
            for (NetCondition condition : conditions) {
                setLinkConditions(cluster.addresses(), condition, seed);
                progress.accept(protocol + ", network " + condition.describe() + ": measuring " + measured.toSeconds()
                        + " s after " + warmup.toSeconds() + " s of warm-up");
                results.add(load.run(clients, warmup, measured, seed));
            }
        }
        return results;
    }

    private static void setLinkConditions(List<String> addresses, NetCondition condition, long seed) {
        for (String address : addresses) {
            try (FaultClient faults = new FaultClient(address)) {
                faults.setLinkConditions(condition.linkConditions(seed));
            }
        }
    }
}
