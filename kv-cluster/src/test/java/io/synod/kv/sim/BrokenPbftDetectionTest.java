package io.synod.kv.sim;

import io.synod.kv.consensus.pbft.PbftDefect;
import io.synod.kv.consensus.pbft.PbftEngine;
import io.synod.kv.consensus.pbft.PbftOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.EnumSet;
import java.util.Map;

/**
 * The checkers are only trusted for PBFT because they catch each deliberately broken variant
 * within a bounded seed budget. Only safety findings count.
 */
class BrokenPbftDetectionTest {

    private static final int MAX_SEEDS = 200;

    @ParameterizedTest
    @EnumSource(value = PbftDefect.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void everyDefectIsCaught(PbftDefect defect) {
        // Unchecked signatures only matter when someone forges them: give the group one forger.
        Map<Long, ByzantineReplica.Behavior> faulty = defect == PbftDefect.SKIP_SIGNATURE_CHECK
                ? Map.of(1L, ByzantineReplica.Behavior.FORGE) : Map.of();
        EngineFactory broken = EngineFactories.pbftWithFaultyReplicas(faulty, (config, auth) ->
                PbftEngine.withDefect(config, auth, PbftOptions.defaults(config.electionTicks()), defect));
        SeededRuns.assertCaught(defect, seed -> SimConfig.forRun(seed, 4, EnumSet.of(Fault.PARTITION, Fault.ASYMMETRIC,
                Fault.DROP, Fault.DELAY, Fault.CRASH)), broken, MAX_SEEDS);
    }
}
