package io.synod.kv.sim;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;

class SimulationDeterminismTest {

    @Test
    void sameSeedGivesTheSameRunAndDigest() {
        SimConfig config = SimConfig.forRun(77, 5, EnumSet.allOf(Fault.class)).withSwarm(false);
        SimResult first = Simulation.run(config, EngineFactories.forName("raft"));
        SimResult second = Simulation.run(config, EngineFactories.forName("raft"));
        assertThat(second).isEqualTo(first);
        assertThat(first.commandsCommitted()).isPositive();
        assertThat(first.messagesDelivered()).isPositive();
    }

    @Test
    void differentSeedsGiveDifferentDigests() {
        SimResult a = Simulation.run(SimConfig.forRun(1, 3, EnumSet.allOf(Fault.class)), EngineFactories.forName("raft"));
        SimResult b = Simulation.run(SimConfig.forRun(2, 3, EnumSet.allOf(Fault.class)), EngineFactories.forName("raft"));
        assertThat(a.traceDigest()).isNotEqualTo(b.traceDigest());
    }
}
