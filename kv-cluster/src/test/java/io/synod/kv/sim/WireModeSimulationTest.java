package io.synod.kv.sim;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wire-mode runs (drawn from the seed) send every peer message through the real codec and router,
 * and hostile links corrupt and inject envelopes: all of those must be refused or be harmless.
 */
class WireModeSimulationTest {

    @Test
    void corruptedAndInjectedEnvelopesAreRejectedWithoutViolations() {
        EngineFactory raft = EngineFactories.forName("raft");
        List<SimResult> wireRuns = new ArrayList<>();
        for (long seed = 7_000; wireRuns.size() < 12; seed++) {
            SimResult result = Simulation.run(SimConfig.forRun(seed, 3 + 2 * (int) (seed % 3),
                    EnumSet.allOf(Fault.class)), raft);
            if (result.wireMode()) {
                wireRuns.add(result);
            }
        }
        wireRuns.forEach(r -> System.out.println(r.summary()));
        assertThat(wireRuns).allSatisfy(r -> assertThat(r.passed()).as(r.summary()).isTrue());
        assertThat(wireRuns.stream().mapToLong(SimResult::envelopesRejected).sum()).isPositive();
        assertThat(wireRuns.stream().mapToLong(SimResult::commandsCommitted).sum()).isGreaterThan(12 * 50L);
    }
}
