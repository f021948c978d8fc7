package io.synod.kv.sim;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The seeded swarm for Multi-Paxos: many runs over 3-, 5- and 7-node clusters with every fault
 * type (the simulator leaves out membership churn, which this engine does not support yet).
 */
class PaxosSimulationSuiteTest {

    private static final int[] SIZES = {3, 5, 7};

    @Test
    void everySeededRunIsSafeAndLive() {
        int runs = Integer.getInteger("sim.paxos.runs", 1_050);
        EngineFactory paxos = EngineFactories.forName("multipaxos");
        List<String> failures = new ArrayList<>();
        long committed = 0;
        long ops = 0;
        int undecided = 0;
        long started = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            SimConfig config = SimConfig.forRun(5_000 + i, SIZES[i % SIZES.length], EnumSet.allOf(Fault.class));
            SimResult result = Simulation.run(config, paxos);
            committed += result.commandsCommitted();
            ops += result.opsOk();
            undecided += result.linearizabilityNote().isEmpty() ? 0 : 1;
            if (!result.passed()) {
                failures.add(result.summary() + "\n  reproduce: " + result.reproduceCommand("multipaxos"));
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("multipaxos: %d runs in %d ms (%.1f ms/run), %d commands committed, %d ops ok, "
                        + "%d histories the linearizability checker could not decide%n",
                runs, millis, (double) millis / Math.max(1, runs), committed, ops, undecided);
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + runs + " runs failed:\n" + String.join("\n", failures));
        }
        assertThat(committed).isGreaterThan(runs * 50L);
    }
}
