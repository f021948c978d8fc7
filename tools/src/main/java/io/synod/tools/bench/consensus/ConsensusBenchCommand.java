package io.synod.tools.bench.consensus;

import io.synod.kv.runtime.ConsensusProtocol;
import io.synod.tools.UserError;
import io.synod.tools.bench.PhaseResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code synod bench consensus}: every consensus protocol side by side, simulated and on real clusters. */
@Command(
        name = "consensus",
        header = "Compares the consensus protocols side by side, simulated and on local clusters.",
        mixinStandardHelpOptions = true,
        description = {
            "Runs every consensus protocol (raft, multipaxos, and any other the nodes support) on the",
            "same load: closed-loop clients doing half puts and half linearizable gets. Each protocol",
            "runs with as many replicas as it needs to survive one faulty replica, under two network",
            "conditions between replicas: none, and 'variable' (added delay, exponential jitter and",
            "message loss, see --delay-ms, --jitter-ms, --loss).",
            "",
            "  sim   the deterministic simulator, in simulated time: replica links of 100 us, fsyncs of",
            "        400 us, no CPU cost. Every run is checked afterwards (safety, linearizability).",
            "  real  a local cluster of separate node processes per protocol (LMDB, gRPC on loopback),",
            "        started with fault injection enabled, which imposes the network condition on",
            "        every node's outbound peer messages.",
            "",
            "Writes into DIR: consensus.md (table), consensus.csv, consensus.json and consensus.png",
            "(throughput and p50/p99/p999 latency per protocol and condition). Exits 1 if a simulated",
            "run failed its checks or a protocol could not be measured."},
        footer = {"", "Examples:", "  synod bench consensus --out bench-out",
            "  synod bench consensus --environments sim --sim-seconds 30",
            "  synod bench consensus --protocols raft --duration 30 --clients 64 --loss 0.05"})
public final class ConsensusBenchCommand implements Callable<Integer> {

    private static final String ROW = "%-14s %-11s %3s %-9s %7s %10s %9s %9s %9s %9s %7s %7s%n";

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "consensus-bench",
            description = "Directory for the table, data and chart (default: ${DEFAULT-VALUE}).")
    private Path outDir;

    @Option(names = "--protocols", paramLabel = "P[,P...]", split = ",",
            description = "Protocols to measure (default: every protocol nodes support: ${COMPLETION-CANDIDATES}).",
            completionCandidates = Protocols.class)
    private List<String> protocols;

    @Option(names = "--environments", paramLabel = "E[,E...]", split = ",", defaultValue = "sim,real",
            description = "sim, real or both (default: ${DEFAULT-VALUE}).")
    private List<String> environments;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "16",
            description = "Concurrent closed-loop clients (default: ${DEFAULT-VALUE}).")
    private int clients;

    @Option(names = "--duration", paramLabel = "S", defaultValue = "10",
            description = "Measured seconds per protocol and condition on real clusters (default: ${DEFAULT-VALUE}).")
    private int durationSeconds;

    @Option(names = "--warmup", paramLabel = "S", defaultValue = "2",
            description = "Unrecorded seconds before each measurement on real clusters (default: ${DEFAULT-VALUE}).")
    private int warmupSeconds;

    @Option(names = "--initial-warmup", paramLabel = "S", defaultValue = "8",
            description = "Unrecorded seconds of load on each new real cluster before its first measurement, so "
                    + "the nodes' JIT compilers have settled (default: ${DEFAULT-VALUE}).")
    private int initialWarmupSeconds;

    @Option(names = "--sim-seconds", paramLabel = "S", defaultValue = "5",
            description = "Measured simulated seconds per protocol and condition, after one simulated second "
                    + "of warm-up (default: ${DEFAULT-VALUE}).")
    private int simSeconds;

    @Option(names = "--delay-ms", paramLabel = "MS", defaultValue = "2",
            description = "'variable' network: delay added to every message between replicas (default: ${DEFAULT-VALUE}).")
    private double delayMs;

    @Option(names = "--jitter-ms", paramLabel = "MS", defaultValue = "1",
            description = "'variable' network: mean of the exponentially distributed jitter on top "
                    + "(default: ${DEFAULT-VALUE}).")
    private double jitterMs;

    @Option(names = "--loss", paramLabel = "P", defaultValue = "0.01",
            description = "'variable' network: probability that a message between replicas is lost "
                    + "(default: ${DEFAULT-VALUE}).")
    private double loss;

    @Option(names = "--keys", paramLabel = "K", defaultValue = "1000",
            description = "Key space of the load (default: ${DEFAULT-VALUE}).")
    private int keys;

    @Option(names = "--value-size", paramLabel = "BYTES", defaultValue = "100",
            description = "Bytes per value on real clusters (default: ${DEFAULT-VALUE}).")
    private int valueBytes;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seeds the simulator, the injected network draws and the clients' choices "
                    + "(default: ${DEFAULT-VALUE}).")
    private long seed;

    /** Every protocol the nodes can run, for the help text. */
    static final class Protocols extends ArrayList<String> {
        Protocols() {
            super(ConsensusProtocol.names());
        }
    }

    @Override
    public Integer call() throws Exception {
        List<String> chosen = protocols == null ? ConsensusProtocol.names() : protocols;
        validate(chosen);
        List<NetCondition> conditions = List.of(NetCondition.NONE, NetCondition.variable(
                Duration.ofNanos(Math.round(delayMs * 1e6)), Duration.ofNanos(Math.round(jitterMs * 1e6)), loss));
        Files.createDirectories(outDir);
        List<ConsensusResult> results = new ArrayList<>();
        boolean complete = true;
        printHeader();
        if (environments.contains("sim")) {
            complete &= simulate(chosen, conditions, results);
        }
        if (environments.contains("real")) {
            complete &= runLocalClusters(chosen, conditions, results);
        }
        write(results);
        return complete ? 0 : 1;
    }

    private boolean simulate(List<String> chosen, List<NetCondition> conditions, List<ConsensusResult> results) {
        SimulatedRuns runs = new SimulatedRuns(clients, keys, Duration.ofSeconds(1), Duration.ofSeconds(simSeconds));
        boolean complete = true;
        for (String protocol : chosen) {
            var factory = SimulatedRuns.factory(protocol);
            if (factory.isEmpty()) {
                progress("simulator: no engine for " + protocol + " in the simulator; skipped");
                continue;
            }
            int replicas = replicas(protocol);
            for (NetCondition condition : conditions) {
                progress("simulator: " + protocol + ", network " + condition.describe() + ": simulating "
                        + (1 + simSeconds) + " s");
                SimulatedRuns.Measured measured = runs.measure(factory.get(), replicas, condition, seed);
                if (!measured.passed()) {
                    complete = false;
                    System.err.println("synod bench consensus: the simulated " + protocol + " run FAILED its checks: "
                            + measured.summary());
                }
                report(results, ConsensusResult.of(Environment.SIM, protocol, replicas, condition, measured.phase(),
                        measured.passed()));
            }
        }
        return complete;
    }

    private boolean runLocalClusters(List<String> chosen, List<NetCondition> conditions,
                                     List<ConsensusResult> results) throws InterruptedException {
        LocalClusterRuns runs = new LocalClusterRuns(clients, keys, valueBytes, Duration.ofSeconds(initialWarmupSeconds),
                Duration.ofSeconds(warmupSeconds), Duration.ofSeconds(durationSeconds), m -> progress("local cluster: " + m));
        boolean complete = true;
        for (String protocol : chosen) {
            int replicas = replicas(protocol);
            try {
                List<PhaseResult> phases = runs.measure(protocol, replicas, conditions, seed);
                for (int i = 0; i < phases.size(); i++) {
                    report(results, ConsensusResult.of(Environment.REAL, protocol, replicas, conditions.get(i),
                            phases.get(i), true));
                }
            } catch (RuntimeException e) {
                complete = false;
                System.err.println("synod bench consensus: could not measure " + protocol + " on a local cluster: "
                        + e.getMessage());
            }
        }
        return complete;
    }

    private static int replicas(String protocol) {
        return ConsensusProtocol.named(protocol).replicasToTolerate(1);
    }

    private void printHeader() {
        System.out.printf(ROW, "ENVIRONMENT", "PROTOCOL", "N", "NETWORK", "CLIENTS", "OPS/S", "P50 ms", "P99 ms",
                "P999 ms", "MAX ms", "ERRORS", "CHECKS");
    }

    private void report(List<ConsensusResult> results, ConsensusResult r) {
        results.add(r);
        List<String> c = ResultFiles.cells(r);
        System.out.printf(ROW, c.toArray());
    }

    private void progress(String message) {
        System.err.println("synod bench consensus: " + message);
    }

    private void write(List<ConsensusResult> results) throws IOException {
        if (results.isEmpty()) {
            System.err.println("synod bench consensus: nothing was measured; no files written");
            return;
        }
        // The parse result of a subcommand holds the whole command line, "bench consensus" included.
        String command = "./synod " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        ResultFiles.Report report = new ResultFiles.Report(command, clients, keys, valueBytes, seed,
                String.format(Locale.ROOT, "replica links %d us one way, client links %d us, fsync %d us, no CPU cost",
                        SimulatedRuns.LINK_MICROS, SimulatedRuns.CLIENT_LINK_MICROS, SimulatedRuns.FSYNC_MICROS),
                machine(), results);
        ResultFiles.writeMarkdown(outDir.resolve("consensus.md"), report);
        ResultFiles.writeCsv(outDir.resolve("consensus.csv"), report);
        ResultFiles.writeJson(outDir.resolve("consensus.json"), report);
        ResultChart.writePng(outDir.resolve("consensus.png"), results);
        System.out.println("Wrote consensus.md, consensus.csv, consensus.json and consensus.png into " + outDir);
    }

    /** Real-cluster figures depend on what else the machine runs: say how busy it was. */
    private static String machine() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return String.format(Locale.ROOT, "%d cores, load average %.1f at the end of the run",
                Runtime.getRuntime().availableProcessors(), os.getSystemLoadAverage());
    }

    private void validate(List<String> chosen) {
        for (String protocol : chosen) {
            if (!ConsensusProtocol.names().contains(protocol)) {
                throw new UserError("unknown protocol '" + protocol + "' in --protocols (supported: "
                        + String.join(", ", ConsensusProtocol.names()) + ")");
            }
        }
        if (chosen.isEmpty()) {
            throw new UserError("--protocols names no protocol");
        }
        if (environments.isEmpty() || !List.of("sim", "real").containsAll(environments)) {
            throw new UserError("--environments wants sim, real or both, got " + environments);
        }
        if (clients < 1 || clients > 1024) {
            throw new UserError("--clients must be between 1 and 1024, got " + clients);
        }
        if (durationSeconds <= 0 || simSeconds <= 0 || warmupSeconds < 0 || initialWarmupSeconds < 0) {
            throw new UserError("--duration and --sim-seconds must be positive, --warmup and --initial-warmup "
                    + "not negative");
        }
        if (delayMs < 0 || jitterMs < 0 || !(loss >= 0 && loss < 1)) {
            throw new UserError("--delay-ms and --jitter-ms must not be negative and --loss must be in [0, 1)");
        }
        if (keys < 1 || valueBytes < 1) {
            throw new UserError("--keys and --value-size must be positive");
        }
    }
}
