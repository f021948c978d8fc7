package io.synod.sqltest;

import io.synod.sqltest.corpus.Corpus;
import io.synod.sqltest.exec.Target;
import io.synod.sqltest.runner.CaseResult;
import io.synod.sqltest.runner.DifferentialRunner;
import io.synod.sqltest.script.TestCase;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every corpus file on SQLite against SQLite: the corpus's own expectations (statement ok /
 * error) must hold on the reference, and the comparison must find nothing.
 */
class CorpusSelfAgreementTest {

    @TestFactory
    Stream<DynamicTest> corpusFilesHoldOnTheReference() {
        return Corpus.load().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private static void check(TestCase testCase) {
        CaseResult result;
        try (DifferentialRunner runner = new DifferentialRunner(Target.sqlite(), Target.url("sqlite-2", "jdbc:sqlite::memory:"), 0)) {
            result = runner.run(testCase, Integer.MAX_VALUE);
        }
        assertThat(result.corpusErrors()).as("expectations the reference does not meet").isEmpty();
        assertThat(result.findings()).isEmpty();
        assertThat(result.statements()).isEqualTo(testCase.steps().size());
        assertThat(result.nonEmptyQueries()).as("queries returning rows").isGreaterThan(result.queries() / 2);
    }
}
