package io.synod.kv.sim;

import io.synod.kv.consensus.paxos.PaxosDefect;
import io.synod.kv.consensus.paxos.PaxosEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.EnumSet;

/**
 * The checkers are only trusted for Multi-Paxos because they catch each deliberately broken
 * variant within a bounded seed budget. Only safety findings count: a liveness failure says
 * nothing about the defect.
 */
class BrokenPaxosDetectionTest {

    private static final int MAX_SEEDS = 300;

    /** A run shaped to provoke one defect: cluster size, write load and fault mix. */
    static SimConfig configFor(PaxosDefect defect, long seed) {
        return switch (defect) {
            // Lying acknowledgements show once power fails while writes are in flight.
            case ACK_BEFORE_PERSIST -> SimConfig.forRun(seed, 3, EnumSet.of(Fault.CRASH, Fault.LOSE_UNSYNCED))
                    .withCommands(10, 800);
            // Two proposers at once: a deposed leader that cannot hear the new ballot keeps
            // proposing, and its delayed proposals land after the new leader's.
            case ACCEPT_LOWER_BALLOT -> SimConfig.forRun(seed, 3, EnumSet.of(Fault.ASYMMETRIC, Fault.DELAY))
                    .withCommands(10, 800);
            default -> SimConfig.forRun(seed, 5, EnumSet.of(Fault.CRASH, Fault.PARTITION, Fault.ASYMMETRIC,
                    Fault.DROP, Fault.DELAY, Fault.REORDER)).withCommands(10, 800);
        };
    }

    @ParameterizedTest
    @EnumSource(value = PaxosDefect.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void everyDefectIsCaught(PaxosDefect defect) {
        EngineFactory broken = EngineFactories.multiPaxos(config -> PaxosEngine.withDefect(config, defect));
        SeededRuns.assertCaught(defect, seed -> configFor(defect, seed), broken, MAX_SEEDS);
    }
}
