package io.synod.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.synod.tools.UserError;
import io.synod.tools.shell.JdbcUrls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code synod bench sql}: point selects, single-row inserts and bank transfers through JDBC. */
@Command(
        name = "sql",
        header = "Measures point selects, inserts and bank transfers through JDBC.",
        mixinStandardHelpOptions = true,
        description = {"Measures SQL through the JDBC driver, one connection per client (closed loop):",
            "point selects by primary key, single-row inserts, and bank transfers (two reads and two",
            "updates in one serializable transaction, retried on 40001) over " + SqlWorkload.ACCOUNTS
                    + " accounts.",
            "Reports throughput and p50/p99/p999 latency per phase and checks afterwards that the",
            "transfers kept the total balance. Without --cluster it starts a local 3-node cluster",
            "(separate processes) in a temporary directory and stops it afterwards."},
        footer = {"", "Examples:", "  synod bench sql", "  synod bench sql --cluster 127.0.0.1:7100 --json sql.json"})
public final class SqlBenchCommand implements Callable<Integer> {

    /** The JSON file's shape. */
    record Report(String cluster, double initialWarmupSeconds, double warmupSeconds, List<PhaseResult> results,
                  long transferRetries, boolean totalBalanceKept) {
    }

    @Option(names = "--cluster", paramLabel = "HOST:PORT[,...]",
            description = "Measure this cluster instead of starting a local one.")
    private String cluster;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures to FILE as JSON.")
    private Path jsonFile;

    @Option(names = "--duration", paramLabel = "S", defaultValue = "5",
            description = "Measured seconds per phase (default: ${DEFAULT-VALUE}).")
    private int durationSeconds;

    @Option(names = "--warmup", paramLabel = "S", defaultValue = "2",
            description = "Unrecorded seconds before each phase (default: ${DEFAULT-VALUE}).")
    private int warmupSeconds;

    @Option(names = "--initial-warmup", paramLabel = "S", defaultValue = "20",
            description = "Unrecorded seconds of mixed point selects, inserts and transfers at "
                    + SqlWorkload.WARMUP_CLIENTS + " clients before the first phase, so that the JIT compilers of"
                    + " the nodes and of this client have finished (default: ${DEFAULT-VALUE}; 0: none).")
    private int initialWarmupSeconds;

    @Option(names = "--clients", paramLabel = "N[,N...]", split = ",", defaultValue = "1,16",
            description = "Concurrent client counts (default: ${DEFAULT-VALUE}).")
    private List<Integer> clientCounts;

    @Override
    public Integer call() throws Exception {
        validate();
        try (BenchCluster target = BenchCluster.open(cluster, "sql")) {
            return measure(JdbcUrls.forAddresses(target.addresses()), target.description());
        }
    }

    private int measure(String url, String description) throws Exception {
        SqlWorkload workload = new SqlWorkload(url);
        System.err.println("synod bench sql: creating and loading the benchmark tables through " + url);
        workload.prepare();
        workload.warmUp(Duration.ofSeconds(initialWarmupSeconds));
        List<PhaseResult> results = new ArrayList<>();
        System.out.println("Cluster: " + description);
        System.out.printf("%-13s %8s %10s %9s %9s %9s %8s%n", "OP", "CLIENTS", "OPS/S", "P50 ms", "P99 ms",
                "P999 ms", "ERRORS");
        for (int clients : clientCounts) {
            for (SqlWorkload.Op op : SqlWorkload.Op.values()) {
                PhaseResult r = workload.run(op, clients, Duration.ofSeconds(warmupSeconds),
                        Duration.ofSeconds(durationSeconds));
                results.add(r);
                System.out.printf("%-13s %8d %10.0f %9.3f %9.3f %9.3f %8d%n", r.op(), r.clients(), r.opsPerSec(),
                        r.p50Ms(), r.p99Ms(), r.p999Ms(), r.errors());
            }
        }
        long expected = SqlWorkload.ACCOUNTS * SqlWorkload.INITIAL_BALANCE;
        long total = workload.totalBalance();
        boolean kept = total == expected;
        System.out.println("Transfers retried after a serialization conflict (40001): " + workload.retries());
        System.out.println("Total balance after the transfers: " + total + (kept ? " (kept)" : " (EXPECTED " + expected + ")"));
        workload.cleanUp();
        if (jsonFile != null) {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(jsonFile.toFile(),
                    new Report(description, initialWarmupSeconds, warmupSeconds, results, workload.retries(), kept));
            System.out.println("Wrote " + jsonFile);
        }
        return kept ? 0 : 1;
    }

    private void validate() {
        if (durationSeconds <= 0 || warmupSeconds < 0 || initialWarmupSeconds < 0) {
            throw new UserError("--duration must be positive, --warmup and --initial-warmup not negative");
        }
        if (clientCounts.isEmpty() || clientCounts.stream().anyMatch(c -> c <= 0 || c > 256)) {
            throw new UserError("--clients wants counts between 1 and 256, got " + clientCounts);
        }
    }
}
