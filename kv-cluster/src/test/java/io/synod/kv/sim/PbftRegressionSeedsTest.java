package io.synod.kv.sim;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeds that once broke PBFT, each kept with what it exposed, run with every fault type as the
 * CLI runs them ({@code ./synod sim --consensus pbft --nodes N --seed S --runs 1 [--byzantine B]}).
 */
class PbftRegressionSeedsTest {

    @ParameterizedTest(name = "seed {0}, {1} replicas, faulty: {2}")
    @CsvSource({
            // A primary restarted in its view reused sequence numbers its NEW_VIEW had assigned.
            "20099, 4, none",
            // A replica that alone wanted a higher view kept raising it; checkpoint votes were never repeated.
            "20020, 4, none",
            "20035, 4, none",
            "20055, 4, none",
            "20089, 4, none",
            "30004, 7, none",
            "30016, 7, none",
            // Catching up one committed batch erased the accepted batches above it from the log.
            "40001, 4, forge",
            "40009, 4, forge",
            "40001, 4, lie",
            "40009, 4, lie",
            // Correct replicas that crashed forgot their prepared certificates; f+1 claims were not enough.
            "41004, 4, lie",
            "41005, 4, lie",
            "41004, 4, equivocate",
            // With the faulty replica silent, correct ones that had moved on left the others short of
            // 2f+1 view changes for their view: later views now count towards starting the timer.
            "41009, 4, silent",
            "41014, 4, silent",
            "41016, 4, silent",
            "41022, 4, silent",
    })
    void onceFailingSeedPasses(long seed, int nodes, String faulty) {
        Map<Long, ByzantineReplica.Behavior> behaviours = new HashMap<>();
        if (!faulty.equals("none")) {
            for (long id = 1; id <= (nodes - 1) / 3; id++) {
                behaviours.put(id, ByzantineReplica.Behavior.valueOf(faulty.toUpperCase()));
            }
        }
        EngineFactory engine = behaviours.isEmpty() ? EngineFactories.forName("pbft")
                : EngineFactories.pbftWithFaultyReplicas(behaviours);
        SimResult result = Simulation.run(SimConfig.forRun(seed, nodes, EnumSet.allOf(Fault.class)), engine);
        assertThat(result.passed()).as("%s%n  reproduce: %s%s", result.summary(), result.reproduceCommand("pbft"),
                behaviours.isEmpty() ? "" : " --byzantine " + faulty).isTrue();
    }
}
