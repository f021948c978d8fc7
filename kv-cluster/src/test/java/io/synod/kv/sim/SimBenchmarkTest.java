package io.synod.kv.sim;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class SimBenchmarkTest {

    private static final SimBenchmark CALM = new SimBenchmark(8, 100, 500_000, 2_000_000, 100, 0, 0, 50, 400);
    private static final SimBenchmark ROUGH = new SimBenchmark(8, 100, 500_000, 2_000_000, 2_100, 1_000, 0.01, 50,
            400);

    @Test
    void eachProtocolRunsTheLoadAndPassesItsChecks() {
        for (String protocol : new String[] {"raft", "multipaxos"}) {
            SimBenchResult calm = Simulation.benchmark(11, 3, CALM, EngineFactories.forName(protocol));
            assertThat(calm.run().passed()).as(protocol + ": " + calm.run().summary()).isTrue();
            assertThat(calm.latenciesMicros()).as(protocol + " answered operations").hasSizeGreaterThan(1_000);
            // A write needs the client's round trip, a replica round trip and an fsync at least.
            long fastest = Arrays.stream(calm.latenciesMicros()).min().orElseThrow();
            assertThat(fastest).as(protocol + " fastest operation").isGreaterThanOrEqualTo(2 * 50);
            assertThat(calm.unanswered()).isZero();

            SimBenchResult rough = Simulation.benchmark(11, 3, ROUGH, EngineFactories.forName(protocol));
            assertThat(rough.run().passed()).as(protocol + ": " + rough.run().summary()).isTrue();
            assertThat(rough.opsPerSecond()).as(protocol + " under delay, jitter and loss")
                    .isLessThan(calm.opsPerSecond() / 2);
            assertThat(median(rough)).isGreaterThan(median(calm) + 2 * 2_000);
        }
    }

    @Test
    void theSameSeedMeasuresTheSame() {
        SimBenchResult a = Simulation.benchmark(5, 3, ROUGH, EngineFactories.forName("raft"));
        SimBenchResult b = Simulation.benchmark(5, 3, ROUGH, EngineFactories.forName("raft"));
        assertThat(a.run().traceDigest()).isEqualTo(b.run().traceDigest());
        assertThat(a.latenciesMicros()).isEqualTo(b.latenciesMicros());
    }

    private static long median(SimBenchResult result) {
        long[] sorted = result.latenciesMicros().clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
