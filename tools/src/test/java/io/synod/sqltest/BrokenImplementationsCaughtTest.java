package io.synod.sqltest;

import io.synod.sqltest.broken.BrokenSqlite;
import io.synod.sqltest.broken.Fault;
import io.synod.sqltest.exec.Target;
import io.synod.sqltest.runner.DifferentialRunner;
import io.synod.sqltest.runner.Finding;
import io.synod.sqltest.runner.GeneratedRun;
import io.synod.sqltest.runner.RunSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checker's self-test: SQLite with a deliberately injected bug must be caught within a
 * bounded number of generated cases, and the finding must come minimised and reproducible.
 */
class BrokenImplementationsCaughtTest {

    /** Generated cases within which every fault must be found (each has 30 statements). */
    private static final int CASE_BOUND = 25;

    @ParameterizedTest
    @EnumSource(Fault.class)
    void injectedFaultIsFoundAndMinimised(Fault fault) {
        RunSettings settings = RunSettings.fromSystemProperties(CASE_BOUND, 30, Duration.ofSeconds(30));
        RunSettings bounded = new RunSettings(settings.seed(), Math.min(settings.cases(), CASE_BOUND), 30, settings.budget());
        BrokenSqlite broken = new BrokenSqlite(fault);
        GeneratedRun.Result result;
        try (DifferentialRunner runner = new DifferentialRunner(Target.sqlite(), broken, 200)) {
            result = GeneratedRun.run(runner, bounded, getClass().getSimpleName(), 1);
        }
        System.out.println(fault + ": " + result.summary());
        assertThat(result.findings()).as("%s not found within %d cases of seed %d", fault, CASE_BOUND, settings.seed())
            .isNotEmpty();
        Finding finding = result.findings().get(0);
        System.out.println(finding.report("sqlite", broken.name()));
        assertThat(finding.steps().size()).as("minimised").isLessThanOrEqualTo(finding.testCase().steps().size());
        assertThat(finding.replay()).contains("-Dsqltest.seed=" + finding.testCase().seed());
        assertThat(finding.reference()).isNotEqualTo(finding.subject());
    }
}
