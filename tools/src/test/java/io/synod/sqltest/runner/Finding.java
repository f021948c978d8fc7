package io.synod.sqltest.runner;

import io.synod.sqltest.compare.Mismatch;
import io.synod.sqltest.exec.Outcome;
import io.synod.sqltest.script.Step;
import io.synod.sqltest.script.StepKind;
import io.synod.sqltest.script.TestCase;

import java.util.List;

/**
 * A statement on which the system under test disagreed with the reference, with everything
 * needed to reproduce it by hand.
 *
 * @param testCase  the case as generated or read
 * @param steps     the statements that reproduce it (minimised if the minimiser ran), the last
 *                  one being the statement that disagrees
 * @param mismatch  how the answers differ
 * @param reference the reference's answer to the last statement
 * @param subject   the subject's answer to the last statement
 * @param replay    how to rerun it (a Maven command line), or empty
 */
public record Finding(TestCase testCase, List<Step> steps, Mismatch mismatch, Outcome reference, Outcome subject,
                      String replay) {

    public Step statement() {
        return steps.get(steps.size() - 1);
    }

    public Finding withReplay(String command) {
        return new Finding(testCase, steps, mismatch, reference, subject, command);
    }

    /** A self-contained description: seed, schema, statements, both answers. */
    public String report(String referenceName, String subjectName) {
        StringBuilder b = new StringBuilder();
        b.append("FINDING in ").append(testCase.name());
        if (testCase.seed() != 0) {
            b.append(" (seed ").append(testCase.seed()).append(')');
        }
        b.append(": ").append(mismatch.kind()).append(" - ").append(mismatch.explanation()).append('\n');
        if (!replay.isEmpty()) {
            b.append("  replay: ").append(replay).append('\n');
        }
        b.append("  schema:\n");
        steps.stream().filter(s -> s.kind() == StepKind.OTHER)
            .forEach(s -> b.append("    ").append(s.sql()).append(";\n"));
        b.append("  statements (").append(steps.size()).append(" after minimising, of ")
            .append(testCase.steps().size()).append("):\n");
        for (Step s : steps) {
            b.append("    ").append(s.sql()).append(";");
            if (!s.origin().equals("generated")) {
                b.append("   -- ").append(s.origin());
            }
            b.append('\n');
        }
        b.append("  ").append(referenceName).append(" answered: ").append(reference.describe()).append('\n');
        b.append("  ").append(subjectName).append(" answered: ").append(subject.describe()).append('\n');
        return b.toString();
    }
}
