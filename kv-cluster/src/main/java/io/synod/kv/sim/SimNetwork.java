package io.synod.kv.sim;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The simulated network between endpoints {@code 1..size}: per-message latency (a base plus
 * exponential jitter), loss, duplication, latency spikes, blocked links (symmetric or one-way
 * partitions) and clogged endpoints whose traffic is held back until they unclog. Without
 * reordering, each link is FIFO. All randomness comes from the seeded generator given.
 */
final class SimNetwork {

    /** How a message behaves in transit; all rates are probabilities in [0, 1]. */
    record Conditions(long baseLatencyMicros, long jitterMeanMicros, boolean reorder, double dropRate,
                      double duplicateRate, double spikeRate, long spikeMaxMicros) {

        static Conditions calm(long baseLatencyMicros, long jitterMeanMicros) {
            return new Conditions(baseLatencyMicros, jitterMeanMicros, false, 0, 0, 0, 0);
        }
    }

    private final int size;
    private final SplittableRandom random;
    private final boolean[][] blocked;
    private final long[][] lastDeliveryMicros;
    private final long[] cloggedUntilMicros;
    private Conditions conditions;
    private long dropped;

    SimNetwork(int size, Conditions conditions, SplittableRandom random) {
        this.size = size;
        this.conditions = conditions;
        this.random = random;
        this.blocked = new boolean[size + 1][size + 1];
        this.lastDeliveryMicros = new long[size + 1][size + 1];
        this.cloggedUntilMicros = new long[size + 1];
    }

    void setConditions(Conditions c) {
        this.conditions = c;
    }

    Conditions conditions() {
        return conditions;
    }

    /** Blocks messages from {@code from} to {@code to}; the reverse direction is unaffected. */
    void block(int from, int to) {
        blocked[from][to] = true;
    }

    void unblock(int from, int to) {
        blocked[from][to] = false;
    }

    boolean isBlocked(int from, int to) {
        return blocked[from][to];
    }

    /** Holds back all traffic to and from {@code endpoint} until {@code untilMicros}. */
    void clog(int endpoint, long untilMicros) {
        cloggedUntilMicros[endpoint] = Math.max(cloggedUntilMicros[endpoint], untilMicros);
    }

    void unclog(int endpoint) {
        cloggedUntilMicros[endpoint] = 0;
    }

    /** Removes every partition and clog. */
    void healPartitions() {
        for (boolean[] row : blocked) {
            Arrays.fill(row, false);
        }
        Arrays.fill(cloggedUntilMicros, 0);
    }

    long droppedCount() {
        return dropped;
    }

    /**
     * Decides the fate of one message sent now: returns its delivery times (empty if lost, two
     * entries if duplicated).
     */
    long[] deliveryTimes(int from, int to, long nowMicros) {
        if (blocked[from][to] || (conditions.dropRate() > 0 && random.nextDouble() < conditions.dropRate())) {
            dropped++;
            return new long[0];
        }
        long first = arrival(from, to, nowMicros);
        if (conditions.duplicateRate() > 0 && random.nextDouble() < conditions.duplicateRate()) {
            return new long[] {first, arrival(from, to, nowMicros)};
        }
        return new long[] {first};
    }

    private long arrival(int from, int to, long nowMicros) {
        long latency = conditions.baseLatencyMicros() + exponential(conditions.jitterMeanMicros());
        if (conditions.spikeRate() > 0 && random.nextDouble() < conditions.spikeRate()) {
            latency += random.nextLong(conditions.spikeMaxMicros() + 1);
        }
        long at = Math.max(nowMicros + latency, Math.max(cloggedUntilMicros[from], cloggedUntilMicros[to]));
        if (!conditions.reorder()) {
            at = Math.max(at, lastDeliveryMicros[from][to]);
            lastDeliveryMicros[from][to] = at;
        }
        return at;
    }

    private long exponential(long meanMicros) {
        if (meanMicros <= 0) {
            return 0;
        }
        return (long) (-Math.log(1 - random.nextDouble()) * meanMicros);
    }

    int size() {
        return size;
    }
}
