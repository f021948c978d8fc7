package io.synod.tools.bench.consensus;

import io.synod.kv.sim.EngineFactories;
import io.synod.kv.sim.EngineFactory;
import io.synod.kv.sim.SimBenchResult;
import io.synod.kv.sim.SimBenchmark;
import io.synod.kv.sim.Simulation;
import io.synod.tools.bench.ClosedLoop;
import io.synod.tools.bench.PhaseResult;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.Optional;

/**
 * Measures a protocol in the deterministic simulator with the benchmark's load. The simulated
 * setting mirrors this machine: replica links of {@value #LINK_MICROS} us one way (loopback gRPC),
 * client links of {@value #CLIENT_LINK_MICROS} us, fsyncs of {@value #FSYNC_MICROS} us (one LMDB
 * commit); a network condition adds its delay, jitter and loss to the replica links.
 */
final class SimulatedRuns {

    static final long LINK_MICROS = 100;
    static final long CLIENT_LINK_MICROS = 50;
    static final long FSYNC_MICROS = 400;

    private final int clients;
    private final int keys;
    private final Duration warmup;
    private final Duration measured;

    SimulatedRuns(int clients, int keys, Duration warmup, Duration measured) {
        this.clients = clients;
        this.keys = keys;
        this.warmup = warmup;
        this.measured = measured;
    }

    /** The simulator's engine factory for {@code protocol}, or empty if the simulator cannot run it. */
    static Optional<EngineFactory> factory(String protocol) {
        try {
            return Optional.of(EngineFactories.forName(protocol));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** One seeded run; the same seed gives every protocol the same network draws and client choices. */
    Measured measure(EngineFactory factory, int replicas, NetCondition condition, long seed) {
        SimBenchmark load = new SimBenchmark(clients, keys, micros(warmup), micros(measured),
                LINK_MICROS + micros(condition.delay()), micros(condition.jitterMean()), condition.loss(),
                CLIENT_LINK_MICROS, FSYNC_MICROS);
        SimBenchResult result = Simulation.benchmark(seed, replicas, load, factory);
        Histogram latencies = new Histogram(ClosedLoop.MAX_LATENCY_NANOS, 3);
        for (long micros : result.latenciesMicros()) {
            latencies.recordValue(Math.min(micros * 1_000, ClosedLoop.MAX_LATENCY_NANOS));
        }
        PhaseResult phase = PhaseResult.of("mixed", clients, measured.toNanos() / 1e9, latencies,
                result.unanswered());
        return new Measured(phase, result.run().passed(), result.run().summary());
    }

    /** A run's figures and whether its checks passed ({@code summary} says why not). */
    record Measured(PhaseResult phase, boolean passed, String summary) {
    }

    private static long micros(Duration d) {
        return d.toNanos() / 1_000;
    }
}
