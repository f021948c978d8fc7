package io.synod.sqltest.compare;

import io.synod.sqltest.exec.Outcome;
import io.synod.sqltest.exec.Values;
import io.synod.sqltest.script.Step;
import io.synod.sqltest.script.StepKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Decides whether the system under test answered a statement as the reference did. */
public final class OutcomeComparator {

    private static final int DIFF_ROWS_SHOWN = 10;

    private OutcomeComparator() {
    }

    /** Empty if the outcomes agree. */
    public static Optional<Mismatch> compare(Step step, Outcome reference, Outcome subject) {
        if (reference instanceof Outcome.Failed r && subject instanceof Outcome.Failed s) {
            if (r.errorClass().contradicts(s.errorClass())) {
                return mismatch(Mismatch.Kind.ERROR_CLASS,
                    "both failed, reference with " + r.errorClass() + ", subject with " + s.errorClass());
            }
            return Optional.empty();
        }
        if (subject.failed()) {
            return mismatch(Mismatch.Kind.SUBJECT_FAILED, "only the subject failed");
        }
        if (reference.failed()) {
            return mismatch(Mismatch.Kind.REFERENCE_FAILED, "only the reference failed");
        }
        if (reference instanceof Outcome.Rows r && subject instanceof Outcome.Rows s) {
            return compareRows(step.sql(), r, s);
        }
        if (reference instanceof Outcome.Count r && subject instanceof Outcome.Count s) {
            if (step.kind() == StepKind.DML && r.count() != s.count()) {
                return mismatch(Mismatch.Kind.UPDATE_COUNT, "update count " + r.count() + " vs " + s.count());
            }
            return Optional.empty();
        }
        if (step.kind() == StepKind.OTHER) {
            return Optional.empty(); // a DDL statement may report rows on one system; success is what counts
        }
        return mismatch(Mismatch.Kind.OUTCOME_SHAPE, "one returned rows, the other an update count");
    }

    static Optional<Mismatch> compareRows(String sql, Outcome.Rows reference, Outcome.Rows subject) {
        if (reference.columnCount() != subject.columnCount()) {
            return mismatch(Mismatch.Kind.COLUMN_COUNT,
                "column count " + reference.columnCount() + " vs " + subject.columnCount());
        }
        List<Integer> keys = OrderByAnalyzer.orderedColumns(sql, reference.labels());
        if (keys.isEmpty()) {
            return compareBags("", reference.rows(), subject.rows());
        }
        List<List<List<Object>>> refGroups = groups(reference.rows(), keys);
        List<List<List<Object>>> subGroups = groups(subject.rows(), keys);
        int n = Math.min(refGroups.size(), subGroups.size());
        for (int g = 0; g < n; g++) {
            List<Object> refKey = key(refGroups.get(g).get(0), keys);
            List<Object> subKey = key(subGroups.get(g).get(0), keys);
            if (!Values.equivalentRows(refKey, subKey)) {
                Optional<Mismatch> asBags = compareBags("", reference.rows(), subject.rows());
                if (asBags.isPresent()) {
                    return asBags;
                }
                return mismatch(Mismatch.Kind.ORDER, "same rows in another order: ORDER BY key of row group #" + (g + 1)
                    + " is " + Values.renderRow(refKey) + " vs " + Values.renderRow(subKey));
            }
            Optional<Mismatch> inGroup = compareBags("among rows with ORDER BY key " + Values.renderRow(refKey) + ": ",
                refGroups.get(g), subGroups.get(g));
            if (inGroup.isPresent()) {
                return inGroup;
            }
        }
        if (refGroups.size() != subGroups.size()) {
            return compareBags("", reference.rows(), subject.rows())
                .or(() -> mismatch(Mismatch.Kind.ORDER, "same rows, different grouping by ORDER BY keys"));
        }
        return Optional.empty();
    }

    /**
     * Compares two bags of rows. Both are sorted canonically; rows the canonical order ties (equal
     * when numbers are rounded to 9 digits, e.g. 123456788506 and 123456788998) are matched by
     * equivalence within their tie group, whatever order each system returned them in.
     */
    private static Optional<Mismatch> compareBags(String context, List<List<Object>> reference, List<List<Object>> subject) {
        List<List<Object>> r = sorted(reference);
        List<List<Object>> s = sorted(subject);
        List<List<Object>> onlyReference = new ArrayList<>();
        List<List<Object>> onlySubject = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < r.size() && j < s.size()) {
            int c = Values.CANONICAL_ROWS.compare(r.get(i), s.get(j));
            if (c < 0) {
                onlyReference.add(r.get(i++));
            } else if (c > 0) {
                onlySubject.add(s.get(j++));
            } else {
                int iEnd = tieEnd(r, i, r.get(i));
                int jEnd = tieEnd(s, j, r.get(i));
                matchTies(r.subList(i, iEnd), s.subList(j, jEnd), onlyReference, onlySubject);
                i = iEnd;
                j = jEnd;
            }
        }
        onlyReference.addAll(r.subList(i, r.size()));
        onlySubject.addAll(s.subList(j, s.size()));
        if (onlyReference.isEmpty() && onlySubject.isEmpty()) {
            return Optional.empty();
        }
        return mismatch(Mismatch.Kind.ROWS, context + reference.size() + " vs " + subject.size() + " rows; "
            + "only in reference " + renderSome(onlyReference) + "; only in subject " + renderSome(onlySubject));
    }

    /** The end of the run of rows from {@code start} that the canonical order ties with {@code row}. */
    private static int tieEnd(List<List<Object>> rows, int start, List<Object> row) {
        int end = start;
        while (end < rows.size() && Values.CANONICAL_ROWS.compare(rows.get(end), row) == 0) {
            end++;
        }
        return end;
    }

    private static void matchTies(List<List<Object>> reference, List<List<Object>> subject,
                                  List<List<Object>> onlyReference, List<List<Object>> onlySubject) {
        List<List<Object>> unmatched = new ArrayList<>(subject);
        for (List<Object> row : reference) {
            int k = 0;
            while (k < unmatched.size() && !Values.equivalentRows(row, unmatched.get(k))) {
                k++;
            }
            if (k < unmatched.size()) {
                unmatched.remove(k);
            } else {
                onlyReference.add(row);
            }
        }
        onlySubject.addAll(unmatched);
    }

    private static List<List<Object>> sorted(List<List<Object>> rows) {
        List<List<Object>> copy = new ArrayList<>(rows);
        copy.sort(Values.CANONICAL_ROWS);
        return copy;
    }

    private static List<List<List<Object>>> groups(List<List<Object>> rows, List<Integer> keys) {
        List<List<List<Object>>> out = new ArrayList<>();
        List<Object> current = null;
        for (List<Object> row : rows) {
            List<Object> k = key(row, keys);
            if (current == null || !Values.equivalentRows(current, k)) {
                out.add(new ArrayList<>());
                current = k;
            }
            out.get(out.size() - 1).add(row);
        }
        return out;
    }

    private static List<Object> key(List<Object> row, List<Integer> keys) {
        List<Object> k = new ArrayList<>(keys.size());
        for (int column : keys) {
            k.add(row.get(column));
        }
        return k;
    }

    private static String renderSome(List<List<Object>> rows) {
        if (rows.isEmpty()) {
            return "none";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(rows.size(), DIFF_ROWS_SHOWN); i++) {
            b.append(i == 0 ? "" : " ").append(Values.renderRow(rows.get(i)));
        }
        if (rows.size() > DIFF_ROWS_SHOWN) {
            b.append(" ... (").append(rows.size()).append(" in all)");
        }
        return b.toString();
    }

    private static Optional<Mismatch> mismatch(Mismatch.Kind kind, String explanation) {
        return Optional.of(new Mismatch(kind, explanation));
    }
}
