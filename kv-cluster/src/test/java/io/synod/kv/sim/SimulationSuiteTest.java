package io.synod.kv.sim;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/** The seeded swarm: many runs over 3-, 5- and 7-node Raft clusters with every fault type allowed. */
class SimulationSuiteTest {

    private static final int[] SIZES = {3, 5, 7};

    @Test
    void everySeededRunIsSafeAndLive() {
        int runs = Integer.getInteger("sim.runs", 2100);
        EngineFactory raft = EngineFactories.forName("raft");
        List<String> failures = new ArrayList<>();
        long committed = 0;
        long ops = 0;
        long started = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            SimConfig config = SimConfig.forRun(1_000 + i, SIZES[i % SIZES.length], EnumSet.allOf(Fault.class));
            SimResult result = Simulation.run(config, raft);
            committed += result.commandsCommitted();
            ops += result.opsOk();
            if (!result.passed()) {
                failures.add(result.summary() + "\n  reproduce: " + result.reproduceCommand("raft"));
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("%d runs in %d ms (%.1f ms/run), %d commands committed, %d ops ok%n",
                runs, millis, (double) millis / Math.max(1, runs), committed, ops);
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + runs + " runs failed:\n" + String.join("\n", failures));
        }
        assertThat(committed).isGreaterThan(runs * 50L);
    }
}
