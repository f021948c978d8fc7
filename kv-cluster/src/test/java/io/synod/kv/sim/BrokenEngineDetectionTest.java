package io.synod.kv.sim;

import io.synod.kv.check.safety.Violation;
import io.synod.kv.consensus.raft.RaftDefect;
import io.synod.kv.consensus.raft.RaftEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checkers are only trusted because they catch each deliberately broken Raft within a bounded
 * seed budget. Only safety findings count: a liveness failure says nothing about the defect.
 */
class BrokenEngineDetectionTest {

    private static final int MAX_SEEDS = 300;

    /** Faults that provoke each defect: split votes for double voting, crashes losing unsynced writes, leader churn. */
    private static Set<Fault> faultsFor(RaftDefect defect) {
        return switch (defect) {
            case DOUBLE_VOTE -> EnumSet.of(Fault.PARTITION, Fault.DROP, Fault.DELAY, Fault.REORDER, Fault.CRASH);
            case ACK_BEFORE_PERSIST -> EnumSet.of(Fault.CRASH, Fault.LOSE_UNSYNCED, Fault.DROP, Fault.PARTITION);
            default -> EnumSet.of(Fault.CRASH, Fault.PARTITION, Fault.ASYMMETRIC, Fault.DROP, Fault.DELAY, Fault.CLOG);
        };
    }

    @ParameterizedTest
    @EnumSource(value = RaftDefect.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void everyDefectIsCaught(RaftDefect defect) {
        EngineFactory broken = config -> RaftEngine.withDefect(config, defect);
        SimResult caught = null;
        int seed = 0;
        while (caught == null && seed < MAX_SEEDS) {
            seed++;
            SimConfig config = SimConfig.forRun(seed, seed % 2 == 0 ? 3 : 5, faultsFor(defect)).withSwarm(false);
            SimResult result = Simulation.run(config, broken);
            if (result.violations().stream().anyMatch(v -> v.kind() != Violation.Kind.LIVENESS)) {
                caught = result;
            }
        }
        assertThat(caught).as("%s not caught within %d seeds", defect, MAX_SEEDS).isNotNull();
        System.out.printf("%s caught at seed %d: %s%n", defect, seed, caught.violations());
    }
}
