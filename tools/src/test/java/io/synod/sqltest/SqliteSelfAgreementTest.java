package io.synod.sqltest;

import io.synod.sqltest.exec.Target;
import io.synod.sqltest.runner.DifferentialRunner;
import io.synod.sqltest.runner.Finding;
import io.synod.sqltest.runner.GeneratedRun;
import io.synod.sqltest.runner.RunSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SQLite against itself over thousands of generated statements: the comparison must report no
 * finding (no false positives), and the generator must produce SQL that mostly runs and
 * mostly returns rows (or the differential tests would compare nothing but errors).
 */
class SqliteSelfAgreementTest {

    @Test
    void sqliteAgreesWithItselfOnThousandsOfGeneratedStatements() {
        RunSettings settings = RunSettings.fromSystemProperties(150, 30, Duration.ofSeconds(60));
        GeneratedRun.Result result;
        try (DifferentialRunner runner = new DifferentialRunner(Target.sqlite(), Target.url("sqlite-2", "jdbc:sqlite::memory:"), 50)) {
            result = GeneratedRun.run(runner, settings, getClass().getSimpleName(), 5);
        }
        System.out.println(result.summary());
        assertThat(result.findings())
            .as(() -> result.summary() + "\n" + result.findings().stream().map(f -> f.report("sqlite", "sqlite-2"))
                .collect(Collectors.joining("\n")))
            .isEmpty();
        GeneratedRun.Totals totals = result.stats();
        assertThat(result.cases()).isPositive();
        assertThat(totals.bothFailed).as("statements failing on both: generated SQL should be valid")
            .isLessThan(totals.statements / 20);
        assertThat(totals.nonEmptyQueries).as("queries returning rows").isGreaterThan(totals.queries / 2);
    }
}
