package io.synod.sqltest;

import io.synod.sqltest.exec.Target;
import io.synod.sqltest.runner.DifferentialRunner;
import io.synod.sqltest.runner.GeneratedRun;
import io.synod.sqltest.runner.RunSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated schemas, data, queries and DML on Synod and on SQLite: every statement must get the
 * same answer. The default run (12 cases, about 450 statements, from a random seed) takes about
 * a minute on two loaded cores and is cut at 120 s, a statement at 30 s; {@code -Dsqltest.cases=N}
 * soaks, {@code -Dsqltest.seed=S} replays.
 */
class SynodDifferentialTest {

    private static final int MAX_FINDINGS = 10;

    @Test
    void synodAnswersGeneratedSqlAsSqliteDoes() {
        Target synod = SynodUnderTest.target();
        RunSettings settings = RunSettings.fromSystemProperties(12, 30, Duration.ofSeconds(120));
        System.out.println("sqltest: seed " + settings.seed() + " (replay with -D" + RunSettings.SEED + "="
            + settings.seed() + ")");
        GeneratedRun.Result result;
        try (DifferentialRunner runner = new DifferentialRunner(Target.sqlite(), synod, 40)) {
            result = GeneratedRun.run(runner, settings, getClass().getSimpleName(), MAX_FINDINGS);
        }
        System.out.println(result.summary());
        String reports = result.findings().stream().map(f -> f.report("sqlite", "synod"))
            .collect(Collectors.joining("\n"));
        System.out.println(reports);
        assertThat(result.findings()).as(() -> result.summary() + "\n" + reports).isEmpty();
        assertThat(result.stats().queries).as("queries compared").isPositive();
    }
}
