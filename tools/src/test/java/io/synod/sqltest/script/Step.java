package io.synod.sqltest.script;

import java.util.List;
import java.util.Objects;

/**
 * One SQL statement of a test case.
 *
 * @param sql         the statement text, without a trailing semicolon
 * @param kind        what is compared of its outcome
 * @param expectation what a hand-written corpus promises about it
 * @param origin      where it came from (corpus file and line, or generator), for reports
 * @param finer       the same effect as several smaller statements (a multi-row INSERT as one
 *                    INSERT per row), which lets the minimiser drop single rows; empty if none
 */
public record Step(String sql, StepKind kind, Expectation expectation, String origin, List<Step> finer) {

    public Step {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(expectation, "expectation");
        Objects.requireNonNull(origin, "origin");
        finer = List.copyOf(finer);
    }

    /** A generated statement whose outcome is only compared. */
    public static Step of(String sql) {
        return new Step(sql, StepKind.of(sql), Expectation.ANY, "generated", List.of());
    }

    /** A generated statement that may be split into {@code parts} when minimising. */
    public static Step splittable(String sql, List<String> parts) {
        List<Step> finer = parts.size() > 1 ? parts.stream().map(Step::of).toList() : List.of();
        return new Step(sql, StepKind.of(sql), Expectation.ANY, "generated", finer);
    }

    @Override
    public String toString() {
        return sql;
    }
}
