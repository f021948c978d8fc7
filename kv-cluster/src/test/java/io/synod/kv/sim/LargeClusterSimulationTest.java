package io.synod.kv.sim;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;

class LargeClusterSimulationTest {

    @Test
    void hundredAndOneNodesElectALeaderAndCommitAThousandCommands() {
        SimResult result = Simulation.run(SimConfig.forRun(101, 101, EnumSet.allOf(Fault.class)),
                EngineFactories.forName("raft"));
        assertThat(result.violations()).isEmpty();
        assertThat(result.commandsCommitted()).isGreaterThanOrEqualTo(1_000);
    }
}
