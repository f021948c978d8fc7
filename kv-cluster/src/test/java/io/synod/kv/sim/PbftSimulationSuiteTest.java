package io.synod.kv.sim;

import org.junit.jupiter.api.Test;

/**
 * The seeded swarm for PBFT: runs over 4- and 7-node groups (f = 1 and 2) with every fault type
 * the engine supports (all but membership churn and wiped storage). More runs with
 * {@code -Dsim.pbft.runs=N}.
 */
class PbftSimulationSuiteTest {

    @Test
    void everySeededRunIsSafeAndLive() {
        SeededRuns.assertSafeAndLive("pbft", EngineFactories.forName("pbft"), new int[] {4, 7},
                Integer.getInteger("sim.pbft.runs", 12), 7_000, "pbft: ");
    }
}
