package io.synod.kv.sim;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One simulation run's knobs. Times are virtual microseconds.
 *
 * @param seed               everything random in the run derives from it
 * @param nodes              cluster size (all voters at start)
 * @param faults             the faults allowed in the safety phase
 * @param swarm              draw a random subset of {@code faults} and their intensities from the seed
 * @param clients            sequential simulated clients
 * @param commands           client operations in total; any not issued during the safety phase run after healing
 * @param safetyPhaseMicros  how long faults are injected
 * @param livenessBoundMicros how long the healed cluster may take to converge
 * @param tickMicros         virtual time between engine ticks
 * @param clientTimeoutMicros after this an unanswered operation is recorded as indeterminate
 */
public record SimConfig(
        long seed,
        int nodes,
        Set<Fault> faults,
        boolean swarm,
        int clients,
        int commands,
        long safetyPhaseMicros,
        long livenessBoundMicros,
        long tickMicros,
        long clientTimeoutMicros) {

    public SimConfig {
        Objects.requireNonNull(faults, "faults");
        faults = Fault.sortedCopy(faults);
        if (nodes < 1) {
            throw new IllegalArgumentException("need at least one node, got " + nodes);
        }
        if (clients < 1 || commands < 0) {
            throw new IllegalArgumentException("need at least one client and a non-negative command count");
        }
        if (safetyPhaseMicros <= 0 || livenessBoundMicros <= 0 || tickMicros <= 0 || clientTimeoutMicros <= 0) {
            throw new IllegalArgumentException("phase lengths, tick and timeout must be positive");
        }
    }

    /**
     * Defaults sized for fast suites: a few hundred client operations over a 2.5 s safety phase
     * (more clients and commands for large clusters), 10 ms ticks. Swarm mode when every fault is
     * allowed.
     */
    public static SimConfig forRun(long seed, int nodes, Set<Fault> faults) {
        boolean large = nodes > 15;
        return new SimConfig(seed, nodes, faults, faults.containsAll(EnumSet.allOf(Fault.class)),
                large ? 24 : 5, large ? 2_000 : 250, large ? 6_000_000 : 2_500_000, 20_000_000,
                10_000, 400_000);
    }

    /** The same run without {@code fault} (for engines that do not support it). */
    public SimConfig without(Fault fault) {
        EnumSet<Fault> kept = EnumSet.noneOf(Fault.class);
        kept.addAll(faults);
        kept.remove(fault);
        return new SimConfig(seed, nodes, kept, swarm, clients, commands, safetyPhaseMicros,
                livenessBoundMicros, tickMicros, clientTimeoutMicros);
    }

    public SimConfig withSwarm(boolean enabled) {
        return new SimConfig(seed, nodes, faults, enabled, clients, commands, safetyPhaseMicros,
                livenessBoundMicros, tickMicros, clientTimeoutMicros);
    }

    public SimConfig withCommands(int clientCount, int commandCount) {
        return new SimConfig(seed, nodes, faults, swarm, clientCount, commandCount, safetyPhaseMicros,
                livenessBoundMicros, tickMicros, clientTimeoutMicros);
    }

    public SimConfig withSafetyPhaseMicros(long micros) {
        return new SimConfig(seed, nodes, faults, swarm, clients, commands, micros,
                livenessBoundMicros, tickMicros, clientTimeoutMicros);
    }
}
