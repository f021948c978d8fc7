package io.synod.sqltest;

import io.synod.sqltest.corpus.Corpus;
import io.synod.sqltest.exec.Target;
import io.synod.sqltest.runner.CaseResult;
import io.synod.sqltest.runner.DifferentialRunner;
import io.synod.sqltest.script.TestCase;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written corpus on Synod and on SQLite, file by file, reporting every disagreement. */
class SynodCorpusTest {

    @TestFactory
    Stream<DynamicTest> corpusFilesAgreeWithSqlite() {
        Target synod = SynodUnderTest.target();
        return Corpus.load().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(synod, c)));
    }

    private static void check(Target synod, TestCase testCase) {
        CaseResult result;
        try (DifferentialRunner runner = new DifferentialRunner(Target.sqlite(), synod, 10)) {
            result = runner.run(testCase, Integer.MAX_VALUE);
        }
        String reports = result.findings().stream().map(f -> f.report("sqlite", "synod"))
            .collect(Collectors.joining("\n"));
        System.out.println(testCase.name() + ": " + result.statements() + " statements, "
            + result.findings().size() + " findings\n" + reports);
        assertThat(result.corpusErrors()).isEmpty();
        assertThat(result.findings()).as(reports).isEmpty();
    }
}
