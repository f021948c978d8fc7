package io.synod.sqltest.runner;

import io.synod.sqltest.generate.CaseGenerator;
import io.synod.sqltest.script.TestCase;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs generated cases from a seed until the case count, the time budget or the finding limit is reached. */
public final class GeneratedRun {

    /**
     * What a run showed.
     *
     * @param settings    what was asked for
     * @param cases       cases run
     * @param stats       statements compared, queries, non-empty queries, statements failing on both
     * @param findings    disagreements (each minimised), with replay commands
     * @param elapsed     wall-clock time
     */
    public record Result(RunSettings settings, int cases, Totals stats, List<Finding> findings, Duration elapsed) {

        public String summary() {
            return String.format("seed %d: %d cases, %d statements (%d queries, %d with rows, %d failing on both)"
                    + ", %d findings in %.1f s",
                settings.seed(), cases, stats.statements, stats.queries, stats.nonEmptyQueries, stats.bothFailed,
                findings.size(), elapsed.toMillis() / 1000.0);
        }
    }

    /** Running totals over cases. */
    public static final class Totals {
        public int statements;
        public int queries;
        public int nonEmptyQueries;
        public int bothFailed;

        void add(CaseResult r) {
            statements += r.statements();
            queries += r.queries();
            nonEmptyQueries += r.nonEmptyQueries();
            bothFailed += r.bothFailed();
        }
    }

    private GeneratedRun() {
    }

    /**
     * @param maxFindings stop after this many findings (a broken system disagrees everywhere)
     */
    public static Result run(DifferentialRunner runner, RunSettings settings, String testClass, int maxFindings) {
        long started = System.nanoTime();
        long deadline = started + settings.budget().toNanos();
        runner.stopAt(deadline);
        Totals totals = new Totals();
        List<Finding> findings = new ArrayList<>();
        long seed = settings.seed();
        int cases = 0;
        while (cases < settings.cases() && System.nanoTime() < deadline && findings.size() < maxFindings) {
            TestCase testCase = CaseGenerator.generate("generated case #" + cases, seed, settings.statements());
            CaseResult result = runner.run(testCase);
            totals.add(result);
            final long caseSeed = seed;
            result.findings().forEach(f -> findings.add(
                f.withReplay(RunSettings.replayCommand(testClass, caseSeed, settings.statements()))));
            cases++;
            seed = RunSettings.nextSeed(seed);
        }
        return new Result(settings, cases, totals, findings, Duration.ofNanos(System.nanoTime() - started));
    }
}
