package io.synod.kv.sim;

import io.synod.kv.check.safety.Violation;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.LongFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/** The seeded-run loops the per-protocol simulation suites and checker self-tests share. */
final class SeededRuns {

    private static final int[] SIZES = {3, 5, 7};

    private SeededRuns() {
    }

    /**
     * The seeded swarm: {@code runs} runs from {@code firstSeed} over 3-, 5- and 7-node clusters of
     * {@code protocol} with every fault type allowed; every run must be safe and live, and the
     * runs together must commit more than 50 commands each on average.
     */
    static void assertSafeAndLive(String protocol, int runs, long firstSeed, String reportPrefix) {
        assertSafeAndLive(protocol, EngineFactories.forName(protocol), SIZES, runs, firstSeed, reportPrefix);
    }

    /** As above for {@code engine} (named {@code protocol} in reproduce commands) over the given cluster sizes. */
    static void assertSafeAndLive(String protocol, EngineFactory engine, int[] sizes, int runs, long firstSeed,
                                  String reportPrefix) {
        List<String> failures = new ArrayList<>();
        long committed = 0;
        long ops = 0;
        int undecided = 0;
        long started = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            SimConfig config = SimConfig.forRun(firstSeed + i, sizes[i % sizes.length], EnumSet.allOf(Fault.class));
            SimResult result = Simulation.run(config, engine);
            committed += result.commandsCommitted();
            ops += result.opsOk();
            undecided += result.linearizabilityNote().isEmpty() ? 0 : 1;
            if (!result.passed()) {
                failures.add(result.summary() + "\n  reproduce: " + result.reproduceCommand(protocol));
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf(reportPrefix + "%d runs in %d ms (%.1f ms/run), %d commands committed, %d ops ok, "
                        + "%d histories the linearizability checker could not decide%n",
                runs, millis, (double) millis / Math.max(1, runs), committed, ops, undecided);
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + runs + " runs failed:\n" + String.join("\n", failures));
        }
        assertThat(committed).isGreaterThan(runs * 50L);
    }

    /** The first seed whose run showed a safety violation, and that run. */
    record Detection(int seed, SimResult result) {
    }

    /**
     * Runs {@code broken} (without swarm mode) on seeds 1, 2, ... until a run shows a safety
     * violation (liveness failures say nothing about a defect), and asserts one did within
     * {@code maxSeeds}.
     */
    static Detection assertCaught(Object defect, LongFunction<SimConfig> configFor, EngineFactory broken, int maxSeeds) {
        SimResult caught = null;
        int seed = 0;
        while (caught == null && seed < maxSeeds) {
            seed++;
            SimResult result = Simulation.run(configFor.apply(seed).withSwarm(false), broken);
            if (result.violations().stream().anyMatch(v -> v.kind() != Violation.Kind.LIVENESS)) {
                caught = result;
            }
        }
        assertThat(caught).as("%s not caught within %d seeds", defect, maxSeeds).isNotNull();
        System.out.printf("%s caught at seed %d: %s%n", defect, seed, caught.violations());
        return new Detection(seed, caught);
    }
}
