package io.synod.kv.sim;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.HashMap;
import java.util.Map;

/**
 * PBFT with f faulty replicas of one behaviour (one of four; with
 * {@code -Dsim.pbft.byzantine.large=true} also two of seven), the primary of the first view
 * among them, under every fault type the simulator injects: every checker must pass for the
 * correct replicas. Runs per behaviour and size with {@code -Dsim.pbft.byzantine.runs=N}.
 */
class PbftByzantineSimulationTest {

    @ParameterizedTest
    @EnumSource(ByzantineReplica.Behavior.class)
    void fFaultyReplicasCannotBreakSafety(ByzantineReplica.Behavior behavior) {
        int runs = Integer.getInteger("sim.pbft.byzantine.runs", 1);
        int[] sizes = Boolean.getBoolean("sim.pbft.byzantine.large") ? new int[] {4, 7} : new int[] {4};
        for (int size : sizes) {
            Map<Long, ByzantineReplica.Behavior> faulty = new HashMap<>();
            for (long id = 1; id <= (size - 1) / 3; id++) {
                faulty.put(id, behavior);
            }
            SeededRuns.assertSafeAndLive("pbft", EngineFactories.pbftWithFaultyReplicas(faulty), new int[] {size},
                    runs, 9_000 + 100L * behavior.ordinal(), "pbft, " + faulty.size() + " " + behavior + " of "
                            + size + ": ");
        }
    }
}
