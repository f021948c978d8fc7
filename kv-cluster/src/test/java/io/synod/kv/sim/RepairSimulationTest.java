package io.synod.kv.sim;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replicas whose storage is wiped repair themselves from their peers under crashes, partitions
 * and message loss, and every checker stays silent: no committed entry is lost, no two leaders
 * share a term, the histories stay linearizable and the healed cluster converges.
 */
class RepairSimulationTest {

    @Test
    void wipedReplicasRepairWithoutLosingAnything() {
        int runs = Integer.getInteger("sim.repairRuns", 150);
        EngineFactory raft = EngineFactories.forName("raft");
        List<String> failures = new ArrayList<>();
        long wiped = 0;
        for (int i = 0; i < runs; i++) {
            SimConfig config = SimConfig.forRun(50_000 + i, i % 2 == 0 ? 3 : 5, EnumSet.of(Fault.WIPE, Fault.CRASH,
                    Fault.LOSE_UNSYNCED, Fault.PARTITION, Fault.DROP, Fault.DELAY)).withSwarm(false);
            SimResult result = Simulation.run(config, raft);
            wiped += result.replicasWiped();
            if (!result.passed()) {
                failures.add(result.summary() + "\n  reproduce: " + result.reproduceCommand("raft"));
            }
        }
        System.out.printf("%d runs, %d replicas wiped and repaired%n", runs, wiped);
        assertThat(failures).as("failed runs").isEmpty();
        assertThat(wiped).as("wipes injected").isGreaterThan(runs);
    }
}
