package io.synod.sqltest.runner;

import io.synod.sqltest.generate.CaseGenerator;
import io.synod.sqltest.script.TestCase;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs generated cases from a seed until the case count, the time budget or the finding limit is
 * reached, on one or more threads.
 */
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
        return run(List.of(runner), settings, testClass, maxFindings);
    }

    /**
     * Runs the cases on as many threads as there are runners, each runner (its own pair of
     * databases) used by one thread. Case i is generated from the i-th seed of the run whichever
     * thread takes it, so a case replays alone from its seed; findings are listed in case order.
     *
     * @param maxFindings no case starts once this many findings are in
     */
    public static Result run(List<DifferentialRunner> runners, RunSettings settings, String testClass,
                             int maxFindings) {
        long started = System.nanoTime();
        long deadline = started + settings.budget().toNanos();
        Cases cases = new Cases(settings, deadline, maxFindings, testClass);
        List<Thread> workers = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (DifferentialRunner runner : runners) {
            runner.stopAt(deadline);
            Thread worker = new Thread(() -> cases.work(runner), "sqltest-worker-" + workers.size());
            worker.setUncaughtExceptionHandler((t, e) -> failure.compareAndSet(null, e));
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the generated cases", e);
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a worker of the generated run failed", failure.get());
        }
        return new Result(settings, cases.run, cases.totals, cases.findings(),
            Duration.ofNanos(System.nanoTime() - started));
    }

    /** The run's cases, handed out in seed order, and what they showed. */
    private static final class Cases {

        private final RunSettings settings;
        private final long deadline;
        private final int maxFindings;
        private final String testClass;
        private final Totals totals = new Totals();
        private final SortedMap<Integer, List<Finding>> findingsByCase = new TreeMap<>();
        private int findingCount;
        private int run;
        private long nextSeed;

        Cases(RunSettings settings, long deadline, int maxFindings, String testClass) {
            this.settings = settings;
            this.deadline = deadline;
            this.maxFindings = maxFindings;
            this.testClass = testClass;
            this.nextSeed = settings.seed();
        }

        void work(DifferentialRunner runner) {
            for (Ticket t = take(); t != null; t = take()) {
                TestCase testCase = CaseGenerator.generate("generated case #" + t.index, t.seed, settings.statements());
                CaseResult result = runner.run(testCase);
                String replay = RunSettings.replayCommand(testClass, t.seed, settings.statements());
                record(t.index, result, result.findings().stream().map(f -> f.withReplay(replay)).toList());
            }
        }

        private record Ticket(int index, long seed) {
        }

        /** The next case to run, or null when the run is over. */
        private synchronized Ticket take() {
            if (run >= settings.cases() || System.nanoTime() >= deadline || findingCount >= maxFindings) {
                return null;
            }
            Ticket t = new Ticket(run++, nextSeed);
            nextSeed = RunSettings.nextSeed(nextSeed);
            return t;
        }

        private synchronized void record(int index, CaseResult result, List<Finding> findings) {
            totals.add(result);
            findingsByCase.put(index, findings);
            findingCount += findings.size();
        }

        synchronized List<Finding> findings() {
            return findingsByCase.values().stream().flatMap(List::stream).toList();
        }
    }
}
