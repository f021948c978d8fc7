package io.synod.kv.sim;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Membership churn under crashes and partitions: spares join, voters leave, all runs stay safe and live. */
class MembershipSimulationTest {

    @Test
    void runsWithMembershipChurnPassAndEndWithChangedGroups() {
        EngineFactory raft = EngineFactories.forName("raft");
        List<SimResult> results = new ArrayList<>();
        for (long seed = 1; seed <= 30; seed++) {
            int nodes = 3 + 2 * (int) (seed % 3);
            results.add(Simulation.run(SimConfig.forRun(seed, nodes,
                    EnumSet.of(Fault.MEMBERSHIP, Fault.CRASH, Fault.PARTITION, Fault.DROP)).withSwarm(false), raft));
        }
        assertThat(results).allSatisfy(r -> assertThat(r.passed()).as(r.summary()).isTrue());
        assertThat(results).allSatisfy(r -> assertThat(r.finalMembers().voters()).hasSizeBetween(3, 7));
        assertThat(results).anySatisfy(r -> assertThat(r.finalMembers().voters()).anyMatch(id -> id > r.nodes()));
        assertThat(results).anySatisfy(r -> assertThat(r.finalMembers().voters()).hasSizeLessThan(r.nodes()));
    }
}
