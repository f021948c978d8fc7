package io.synod.tools.bench.consensus;

import io.synod.tools.bench.PhaseResult;

/**
 * One protocol measured in one environment under one network condition. Latencies in ms
 * (simulated ms in the simulator); {@code checksPassed} is false when a simulated run broke a
 * safety or linearizability check (real runs are not checked here).
 */
public record ConsensusResult(String environment, String protocol, int replicas, String network,
                              String networkDetail, int clients, double seconds, long ops, long errors,
                              double opsPerSec, double p50Ms, double p99Ms, double p999Ms, double maxMs,
                              boolean checksPassed) {

    static ConsensusResult of(Environment environment, String protocol, int replicas, NetCondition condition,
                              PhaseResult phase, boolean checksPassed) {
        return new ConsensusResult(environment.label, protocol, replicas, condition.name(), condition.describe(),
                phase.clients(), phase.seconds(), phase.ops(), phase.errors(), phase.opsPerSec(), phase.p50Ms(),
                phase.p99Ms(), phase.p999Ms(), phase.maxMs(), checksPassed);
    }
}
