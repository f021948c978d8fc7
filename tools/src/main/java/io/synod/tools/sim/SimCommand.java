package io.synod.tools.sim;

import io.synod.kv.sim.ByzantineReplica;
import io.synod.kv.sim.EngineFactories;
import io.synod.kv.sim.EngineFactory;
import io.synod.kv.sim.Fault;
import io.synod.kv.sim.SimConfig;
import io.synod.kv.sim.SimResult;
import io.synod.kv.sim.Simulation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** {@code synod sim}: seeded deterministic simulation runs with fault injection and checkers. */
@Command(
        name = "sim",
        header = "Simulates a cluster under injected faults and checks safety and linearizability.",
        mixinStandardHelpOptions = true,
        description = {
            "Simulates a cluster under injected faults and checks safety and linearizability.",
            "",
            "Each run puts N replicas on virtual time over a simulated network, drives simulated",
            "clients against them, injects faults, heals, and runs every checker. Run i uses seed",
            "S+i; a failing run prints the command that replays it. Exits 1 if any run violates a",
            "check."},
        footer = {"", "Faults: delay, drop, duplicate, reorder, partition, asymmetric, clog, crash,",
            "lose_unsynced, membership, wipe; 'all' draws a different mix per run from its seed (swarm",
            "testing). wipe: a replica's storage is lost and it repairs itself from its peers.",
            "", "Examples:",
            "  synod sim --consensus raft --nodes 5 --runs 200",
            "  synod sim --consensus multipaxos --nodes 5 --runs 200",
            "  synod sim --consensus pbft --nodes 4 --runs 50",
            "  synod sim --consensus pbft --nodes 7 --byzantine equivocate --runs 20",
            "  synod sim --nodes 5 --seed 42 --runs 1",
            "  synod sim --nodes 101 --runs 1"})
public final class SimCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--consensus", paramLabel = "PROTOCOL", defaultValue = "raft",
            description = "Consensus protocol: raft, multipaxos or pbft (default: ${DEFAULT-VALUE}).")
    private String consensus;

    @Option(names = "--byzantine", paramLabel = "BEHAVIOR",
            description = "pbft only: replicas 1..f misbehave: equivocate, forge, replay, lie, silent or slow_primary.")
    private String byzantine;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "5",
            description = "Replicas per cluster (default: ${DEFAULT-VALUE}).")
    private int nodes;

    @Option(names = "--runs", paramLabel = "R", defaultValue = "100",
            description = "Number of seeded runs (default: ${DEFAULT-VALUE}).")
    private int runs;

    @Option(names = "--seed", paramLabel = "S",
            description = "Seed of the first run (default: a random seed, printed).")
    private Long seed;

    @Option(names = "--faults", paramLabel = "LIST", defaultValue = "all",
            description = "Comma-separated faults, 'all' or 'none' (default: ${DEFAULT-VALUE}).")
    private String faults;

    @Option(names = "--commands", paramLabel = "C",
            description = "Client operations per run (default: sized to the cluster).")
    private Integer commands;

    @Option(names = "--clients", paramLabel = "K",
            description = "Concurrent simulated clients (default: sized to the cluster).")
    private Integer clients;

    @Option(names = "--jobs", paramLabel = "J",
            description = "Runs simulated in parallel, each on its own thread (default: CPU count).")
    private Integer jobs;

    @Option(names = {"-v", "--verbose"}, description = "Print a summary line for every run, not only failing ones.")
    private boolean verbose;

    @Override
    public Integer call() {
        validate();
        Set<Fault> faultSet = parseFaults();
        EngineFactory factory = engineFactory();
        // Random seeds stay far below Long.MAX_VALUE so that seed + run never overflows.
        long firstSeed = seed != null ? seed : new SecureRandom().nextLong() >>> 20;
        PrintWriter out = spec.commandLine().getOut();
        if (seed == null) {
            out.printf("seed %d (pass --seed %d to repeat)%n", firstSeed, firstSeed);
        }
        int threads = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        SimBatch batch = new SimBatch(runs, threads, i -> Simulation.run(config(firstSeed + i, faultSet), factory));
        SimSummary summary = batch.run(result -> report(out, result), progress -> {
            if (!verbose) {
                spec.commandLine().getErr().println(progress);
            }
        });
        out.println(summary.describe(runs, nodes));
        if (runs == 1) {
            out.printf("trace digest %016x%n", summary.lastDigest());
        }
        out.flush();
        return summary.violations() == 0 ? 0 : 1;
    }

    private void report(PrintWriter out, SimResult result) {
        if (!result.passed()) {
            out.println("FAIL " + result.summary());
            out.println("  reproduce: " + result.reproduceCommand(consensus)
                    + (byzantine == null ? "" : " --byzantine " + byzantine));
        } else if (verbose || runs == 1) {
            out.println(result.summary());
        }
        out.flush();
    }

    private SimConfig config(long runSeed, Set<Fault> faultSet) {
        SimConfig config = SimConfig.forRun(runSeed, nodes, faultSet);
        if (clients != null || commands != null) {
            config = config.withCommands(clients != null ? clients : config.clients(),
                    commands != null ? commands : config.commands());
        }
        return config;
    }

    private void validate() {
        if (nodes < 1 || nodes > 1000) {
            throw new ParameterException(spec.commandLine(), "--nodes must be between 1 and 1000, got " + nodes);
        }
        if (runs < 1) {
            throw new ParameterException(spec.commandLine(), "--runs must be at least 1, got " + runs);
        }
        if (commands != null && commands < 1) {
            throw new ParameterException(spec.commandLine(), "--commands must be at least 1, got " + commands);
        }
        if (clients != null && clients < 1) {
            throw new ParameterException(spec.commandLine(), "--clients must be at least 1, got " + clients);
        }
        if (jobs != null && jobs < 1) {
            throw new ParameterException(spec.commandLine(), "--jobs must be at least 1, got " + jobs);
        }
        if (seed != null && (seed < 0 || seed > Long.MAX_VALUE - runs)) {
            throw new ParameterException(spec.commandLine(),
                    "--seed must be between 0 and " + (Long.MAX_VALUE - runs) + ", got " + seed);
        }
    }

    private Set<Fault> parseFaults() {
        try {
            return Fault.parseList(faults);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--faults: " + e.getMessage());
        }
    }

    private EngineFactory engineFactory() {
        if (byzantine != null) {
            return byzantineFactory();
        }
        try {
            return EngineFactories.forName(consensus);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--consensus: " + e.getMessage());
        }
    }

    private EngineFactory byzantineFactory() {
        if (!consensus.equals("pbft")) {
            throw new ParameterException(spec.commandLine(), "--byzantine needs --consensus pbft");
        }
        ByzantineReplica.Behavior behavior;
        try {
            behavior = ByzantineReplica.Behavior.parse(byzantine);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--byzantine: unknown behavior '" + byzantine
                    + "'; expected one of " + Arrays.toString(ByzantineReplica.Behavior.values()).toLowerCase(Locale.ROOT));
        }
        Map<Long, ByzantineReplica.Behavior> faulty = new TreeMap<>();
        for (long id = 1; id <= (nodes - 1) / 3; id++) {
            faulty.put(id, behavior);
        }
        return EngineFactories.pbftWithFaultyReplicas(faulty);
    }
}
