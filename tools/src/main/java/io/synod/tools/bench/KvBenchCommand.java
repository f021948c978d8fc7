package io.synod.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.synod.kv.client.KvClient;
import io.synod.tools.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code synod bench kv}: puts and linearizable gets at 1, 16 and 64 concurrent clients. */
@Command(
        name = "kv",
        header = "Measures replicated puts and linearizable gets.",
        mixinStandardHelpOptions = true,
        description = {"Measures puts and linearizable gets at 1, 16 and 64 concurrent clients (closed loop,",
            "one shared client, " + KvWorkload.KEYS + " keys): throughput and p50/p99/p999 latency.",
            "Without --cluster it starts a local 3-node cluster (separate processes) in a",
            "temporary directory and stops it afterwards."},
        footer = {"", "Examples:", "  synod bench kv", "  synod bench kv --cluster 127.0.0.1:7100 --json bench.json"})
public final class KvBenchCommand implements Callable<Integer> {

    /** The JSON file's shape. */
    record Report(String cluster, int valueBytes, double initialWarmupSeconds, double warmupSeconds,
                  List<PhaseResult> results) {
    }

    @Option(names = "--cluster", paramLabel = "HOST:PORT[,...]",
            description = "Measure this cluster instead of starting a local one.")
    private String cluster;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures to FILE as JSON.")
    private Path jsonFile;

    @Option(names = "--duration", paramLabel = "S", defaultValue = "5",
            description = "Measured seconds per phase (default: ${DEFAULT-VALUE}).")
    private int durationSeconds;

    @Option(names = "--warmup", paramLabel = "S", defaultValue = "1",
            description = "Unrecorded seconds before each phase (default: ${DEFAULT-VALUE}).")
    private int warmupSeconds;

    @Option(names = "--initial-warmup", paramLabel = "S", defaultValue = "10",
            description = "Unrecorded seconds of mixed puts and gets at " + KvWorkload.WARMUP_CLIENTS
                    + " clients before the first phase, so that the nodes' JIT compilers have finished"
                    + " (default: ${DEFAULT-VALUE}; 0: none).")
    private int initialWarmupSeconds;

    @Option(names = "--clients", paramLabel = "N[,N...]", split = ",", defaultValue = "1,16,64",
            description = "Concurrent client counts (default: ${DEFAULT-VALUE}).")
    private List<Integer> clientCounts;

    @Option(names = "--value-size", paramLabel = "BYTES", defaultValue = "100",
            description = "Bytes per value (default: ${DEFAULT-VALUE}).")
    private int valueBytes;

    @Override
    public Integer call() throws Exception {
        validate();
        try (BenchCluster target = BenchCluster.open(cluster, "kv")) {
            return measure(target.addresses(), target.description());
        }
    }

    private int measure(List<String> addresses, String description) throws Exception {
        List<PhaseResult> results = new ArrayList<>();
        try (KvClient client = KvClient.builder(addresses).callTimeout(Duration.ofSeconds(10)).build()) {
            KvWorkload workload = new KvWorkload(client, valueBytes);
            workload.preload();
            workload.warmUp(Duration.ofSeconds(initialWarmupSeconds));
            System.out.println("Cluster: " + description);
            System.out.printf("%-4s %8s %12s %9s %9s %9s %8s%n", "OP", "CLIENTS", "OPS/S", "P50 ms", "P99 ms",
                    "P999 ms", "ERRORS");
            for (int clients : clientCounts) {
                for (KvWorkload.Op op : KvWorkload.Op.values()) {
                    PhaseResult r = workload.run(op, clients, Duration.ofSeconds(warmupSeconds),
                            Duration.ofSeconds(durationSeconds));
                    results.add(r);
                    System.out.printf("%-4s %8d %12.0f %9.3f %9.3f %9.3f %8d%n", r.op(), r.clients(), r.opsPerSec(),
                            r.p50Ms(), r.p99Ms(), r.p999Ms(), r.errors());
                }
            }
        }
        if (jsonFile != null) {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(jsonFile.toFile(), new Report(description, valueBytes, initialWarmupSeconds, warmupSeconds, results));
            System.out.println("Wrote " + jsonFile);
        }
        return 0;
    }

    private void validate() {
        if (durationSeconds <= 0 || warmupSeconds < 0 || initialWarmupSeconds < 0) {
            throw new UserError("--duration must be positive, --warmup and --initial-warmup not negative");
        }
        if (valueBytes <= 0) {
            throw new UserError("--value-size must be positive, got " + valueBytes);
        }
        if (clientCounts.isEmpty() || clientCounts.stream().anyMatch(c -> c <= 0 || c > 1024)) {
            throw new UserError("--clients wants counts between 1 and 1024, got " + clientCounts);
        }
    }
}
