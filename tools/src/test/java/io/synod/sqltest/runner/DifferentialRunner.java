package io.synod.sqltest.runner;

import io.synod.sqltest.compare.Mismatch;
import io.synod.sqltest.compare.OutcomeComparator;
import io.synod.sqltest.exec.Outcome;
import io.synod.sqltest.exec.Target;
import io.synod.sqltest.script.Expectation;
import io.synod.sqltest.script.Step;
import io.synod.sqltest.script.StepKind;
import io.synod.sqltest.script.TestCase;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs test cases on a reference and a system under test and compares every statement's
 * outcome. Each case starts from empty databases: its cleanup statements run first on both.
 */
public final class DifferentialRunner implements AutoCloseable {

    private final Session reference;
    private final Session subject;
    private final int minimiseBudget;
    private long deadline = Long.MAX_VALUE;

    /**
     * @param minimiseBudget how many reduced sequences the minimiser may try per finding (0: none)
     */
    public DifferentialRunner(Target reference, Target subject, int minimiseBudget) {
        this.reference = new Session(reference);
        this.subject = new Session(subject);
        this.minimiseBudget = minimiseBudget;
    }

    /**
     * No statement of a case and no minimising replay starts after {@code nanoTime}
     * ({@link System#nanoTime()} scale): a run with a time budget ends the case it is in and
     * reports findings as they are rather than overrunning it (each statement is bounded by
     * the query timeout of {@link io.synod.sqltest.exec.StepExecutor}).
     */
    public void stopAt(long nanoTime) {
        this.deadline = nanoTime;
    }

    boolean beforeDeadline() {
        return System.nanoTime() < deadline;
    }

    /** Runs the case up to its first disagreement, minimising that one. */
    public CaseResult run(TestCase testCase) {
        return run(testCase, 1);
    }

    /**
     * Runs the case, going on after a disagreement until {@code maxFindings} are collected (a
     * hand-written corpus has independent checks; later ones may also follow from an earlier
     * disagreement). Each finding is minimised.
     */
    public CaseResult run(TestCase testCase, int maxFindings) {
        clean(testCase);
        int statements = 0;
        int queries = 0;
        int nonEmpty = 0;
        int bothFailed = 0;
        List<String> corpusErrors = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        List<Step> steps = testCase.steps();
        for (int i = 0; i < steps.size() && findings.size() < maxFindings && beforeDeadline(); i++) {
            Step step = steps.get(i);
            Outcome r = reference.execute(step.sql());
            Outcome s = subject.execute(step.sql());
            statements++;
            if (step.kind() == StepKind.QUERY) {
                queries++;
                if (r instanceof Outcome.Rows rows && !rows.rows().isEmpty()) {
                    nonEmpty++;
                }
            }
            if (r.failed() && s.failed()) {
                bothFailed++;
            }
            checkExpectation(step, r).ifPresent(corpusErrors::add);
            Optional<Mismatch> mismatch = OutcomeComparator.compare(step, r, s);
            if (mismatch.isPresent()) {
                findings.add(new Finding(testCase, steps.subList(0, i + 1), mismatch.get(), r, s, ""));
            }
        }
        clean(testCase);
        if (minimiseBudget > 0) {
            findings.replaceAll(f -> new Minimiser(this, minimiseBudget).minimise(f));
        }
        return new CaseResult(statements, queries, nonEmpty, bothFailed, findings, corpusErrors);
    }

    /**
     * Replays {@code steps} from empty databases; returns the mismatch of the last statement if
     * every earlier statement agreed, else empty (a reduction that disagrees earlier shows
     * another problem, not this one).
     */
    Optional<Replay> replay(TestCase testCase, List<Step> steps) {
        clean(testCase);
        try {
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                Outcome r = reference.execute(step.sql());
                Outcome s = subject.execute(step.sql());
                Optional<Mismatch> mismatch = OutcomeComparator.compare(step, r, s);
                boolean last = i == steps.size() - 1;
                if (mismatch.isPresent() != last) {
                    return Optional.empty();
                }
                if (last) {
                    return Optional.of(new Replay(mismatch.get(), r, s));
                }
            }
            return Optional.empty();
        } finally {
            clean(testCase);
        }
    }

    record Replay(Mismatch mismatch, Outcome reference, Outcome subject) {
    }

    private static Optional<String> checkExpectation(Step step, Outcome reference) {
        if (step.expectation() == Expectation.OK && reference.failed()) {
            return Optional.of(step.origin() + ": expected ok, the reference failed: " + reference.describe()
                + "\n    " + step.sql());
        }
        if (step.expectation() == Expectation.ERROR && !reference.failed()) {
            return Optional.of(step.origin() + ": expected an error, the reference succeeded\n    " + step.sql());
        }
        return Optional.empty();
    }

    private void clean(TestCase testCase) {
        for (String sql : testCase.cleanup()) {
            reference.execute(sql);
            subject.execute(sql);
        }
    }

    @Override
    public void close() {
        reference.close();
        subject.close();
    }
}
