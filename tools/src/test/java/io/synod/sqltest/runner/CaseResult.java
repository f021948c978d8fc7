package io.synod.sqltest.runner;

import java.util.List;

/**
 * What running one case showed.
 *
 * @param statements      statements compared
 * @param queries         queries compared
 * @param nonEmptyQueries queries for which the reference returned at least one row
 * @param bothFailed      statements that failed on both systems (agreement, but a sign of a
 *                        generator emitting invalid SQL if frequent)
 * @param findings        the disagreements found (minimised)
 * @param corpusErrors    hand-written expectations the reference did not meet
 */
public record CaseResult(int statements, int queries, int nonEmptyQueries, int bothFailed,
                         List<Finding> findings, List<String> corpusErrors) {
}
