package io.synod.kv.sim;

import org.junit.jupiter.api.Test;

/**
 * The seeded swarm for Multi-Paxos: many runs over 3-, 5- and 7-node clusters with every fault
 * type (the simulator leaves out membership churn, which this engine does not support yet).
 */
class PaxosSimulationSuiteTest {

    @Test
    void everySeededRunIsSafeAndLive() {
        SeededRuns.assertSafeAndLive("multipaxos", Integer.getInteger("sim.paxos.runs", 1_050), 5_000, "multipaxos: ");
    }
}
