package io.synod.sqltest;

import io.synod.sqltest.exec.Target;
import io.synod.sqltest.runner.DifferentialRunner;
import io.synod.sqltest.runner.GeneratedRun;
import io.synod.sqltest.runner.RunSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated schemas, data, queries and DML on Synod and on SQLite: every statement must get the
 * same answer. The default run is 60 cases (each its own generated schema) of 50 queries and DML
 * statements after schema and data, about 3,400 statements, from a fixed seed, on two threads
 * each with its own pair of databases; a busy machine gets fewer done, as no case starts after
 * 240 s (a statement is cut at 30 s). {@code -Dsqltest.cases=N} soaks, {@code -Dsqltest.seed=S}
 * replays or picks another seed, {@code -Dsqltest.workers=W} sets the threads.
 */
class SynodDifferentialTest {

    private static final int MAX_FINDINGS = 10;
    private static final int DEFAULT_CASES = 60;
    private static final int DEFAULT_STATEMENTS = 50;
    private static final Duration DEFAULT_BUDGET = Duration.ofSeconds(240);
    private static final int DEFAULT_WORKERS = 2;

    /**
     * The default run's seed: its 60 cases agree everywhere (docs/sql-differential-findings.md);
     * a fixed seed keeps CI deterministic, soaks pick their own.
     */
    private static final long DEFAULT_SEED = 2026;

    @Test
    void synodAnswersGeneratedSqlAsSqliteDoes() {
        Target synod = SynodUnderTest.target();
        RunSettings settings = RunSettings.fromSystemProperties(DEFAULT_CASES, DEFAULT_STATEMENTS, DEFAULT_BUDGET);
        if (System.getProperty(RunSettings.SEED) == null) {
            settings = new RunSettings(DEFAULT_SEED, settings.cases(), settings.statements(), settings.budget());
        }
        System.out.println("sqltest: seed " + settings.seed() + " (replay with -D" + RunSettings.SEED + "="
            + settings.seed() + ")");
        List<DifferentialRunner> runners = new ArrayList<>();
        GeneratedRun.Result result;
        try {
            for (int i = 0; i < Integer.getInteger(RunSettings.WORKERS, DEFAULT_WORKERS); i++) {
                runners.add(new DifferentialRunner(Target.sqlite(), synod, 40));
            }
            result = GeneratedRun.run(runners, settings, getClass().getSimpleName(), MAX_FINDINGS);
        } finally {
            runners.forEach(DifferentialRunner::close);
        }
        System.out.println(result.summary());
        String reports = result.findings().stream().map(f -> f.report("sqlite", "synod"))
            .collect(Collectors.joining("\n"));
        System.out.println(reports);
        assertThat(result.findings()).as(() -> result.summary() + "\n" + reports).isEmpty();
        assertThat(result.stats().queries).as("queries compared").isPositive();
    }
}
