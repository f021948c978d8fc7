package io.synod.kv.sim;

import org.junit.jupiter.api.Test;

/** The seeded swarm: many runs over 3-, 5- and 7-node Raft clusters with every fault type allowed. */
class SimulationSuiteTest {

    @Test
    void everySeededRunIsSafeAndLive() {
        SeededRuns.assertSafeAndLive("raft", Integer.getInteger("sim.runs", 2100), 1_000, "");
    }
}
