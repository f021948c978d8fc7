package io.synod.kv.sim;

/**
 * A benchmark load for the simulator, the same for every protocol given the same seed: closed-loop
 * clients (each issues its next operation as soon as the previous one answers) doing half puts and
 * half linearizable reads over {@code keys} keys, on a network and disk of fixed behaviour, with no
 * faults. Operations answered inside the measured window, after a warm-up, are timed. The run is
 * checked afterwards like any other (safety, acknowledged writes, linearizability). All times are
 * virtual microseconds; CPU time is not simulated, so throughput follows from latency and batching.
 *
 * @param linkLatencyMicros   fixed one-way latency of a message between replicas
 * @param linkJitterMicros    mean of the exponentially distributed jitter added to it
 * @param linkLoss            probability that a message between replicas is lost
 * @param clientLatencyMicros one-way latency between a client and a replica (no jitter, no loss)
 * @param fsyncMicros         duration of every fsync
 */
public record SimBenchmark(int clients, int keys, long warmupMicros, long measureMicros, long linkLatencyMicros,
                           long linkJitterMicros, double linkLoss, long clientLatencyMicros, long fsyncMicros) {

    /** How long a client waits for an answer before it records the operation as unanswered. */
    static final long CLIENT_TIMEOUT_MICROS = 2_000_000;
    private static final long LIVENESS_BOUND_MICROS = 20_000_000;
    private static final long TICK_MICROS = 10_000;

    public SimBenchmark {
        if (clients < 1 || keys < 1) {
            throw new IllegalArgumentException("need at least one client and one key");
        }
        if (warmupMicros < 0 || measureMicros <= 0) {
            throw new IllegalArgumentException("need a non-negative warm-up and a positive measured window");
        }
        if (linkLatencyMicros < 0 || linkJitterMicros < 0 || clientLatencyMicros < 0 || fsyncMicros < 0) {
            throw new IllegalArgumentException("latencies must not be negative");
        }
        if (!(linkLoss >= 0 && linkLoss < 1)) {
            throw new IllegalArgumentException("loss must be in [0, 1), got " + linkLoss);
        }
    }

    /** The run's configuration: no faults; the load runs through warm-up and measured window. */
    SimConfig config(long seed, int nodes) {
        return new SimConfig(seed, nodes, Fault.parseList("none"), false, clients, Integer.MAX_VALUE,
                endMicros(), LIVENESS_BOUND_MICROS, TICK_MICROS, CLIENT_TIMEOUT_MICROS);
    }

    long endMicros() {
        return warmupMicros + measureMicros;
    }

    SimNetwork.Conditions peerConditions() {
        return new SimNetwork.Conditions(linkLatencyMicros, linkJitterMicros, false, linkLoss, 0, 0, 0);
    }
}
