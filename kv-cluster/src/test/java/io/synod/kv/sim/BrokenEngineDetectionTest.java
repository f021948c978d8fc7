package io.synod.kv.sim;

import io.synod.kv.consensus.raft.RaftDefect;
import io.synod.kv.consensus.raft.RaftEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checkers are only trusted because they catch each deliberately broken Raft within a bounded
 * seed budget. Only safety findings count: a liveness failure says nothing about the defect.
 */
class BrokenEngineDetectionTest {

    private static final int MAX_SEEDS = 300;

    /** A run shaped to provoke one defect: cluster size, write load and fault mix. */
    private static SimConfig configFor(RaftDefect defect, long seed) {
        return switch (defect) {
            // Split votes need elections under churn.
            case DOUBLE_VOTE -> SimConfig.forRun(seed, 5,
                    EnumSet.of(Fault.PARTITION, Fault.DROP, Fault.DELAY, Fault.CRASH, Fault.LOSE_UNSYNCED));
            // A forgetful voter matters once the replica it helps elect lagged behind the commit.
            case REPAIR_WITHOUT_ABSTENTION -> SimConfig.forRun(seed, 3,
                    EnumSet.of(Fault.WIPE, Fault.CRASH, Fault.PARTITION, Fault.DROP, Fault.DELAY)).withCommands(10, 800);
            // Lying acknowledgements show once power fails while writes are in flight.
            case ACK_BEFORE_PERSIST -> SimConfig.forRun(seed, 3, EnumSet.of(Fault.CRASH, Fault.LOSE_UNSYNCED))
                    .withCommands(10, 800);
            default -> SimConfig.forRun(seed, 5, EnumSet.of(Fault.CRASH, Fault.PARTITION, Fault.ASYMMETRIC,
                    Fault.DROP, Fault.DELAY, Fault.REORDER)).withCommands(10, 800);
        };
    }

    @ParameterizedTest
    @EnumSource(value = RaftDefect.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void everyDefectIsCaught(RaftDefect defect) {
        EngineFactory broken = config -> RaftEngine.withDefect(config, defect);
        int seed = SeededRuns.assertCaught(defect, s -> configFor(defect, s), broken, MAX_SEEDS).seed();
        SimResult correct = Simulation.run(configFor(defect, seed).withSwarm(false), EngineFactories.forName("raft"));
        assertThat(correct.violations()).as("the correct engine on the same run").isEmpty();
    }
}
