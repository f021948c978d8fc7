package io.synod.sqltest.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds a query's top-level ORDER BY and maps its items to output columns, so results are
 * compared in order exactly as far as the query fixes it.
 *
 * <p>Only the prefix of items that map to an output column (an ordinal, an output label, or a
 * column reference whose name is a label) is used: rows must agree on the sequence of those
 * keys, and rows that tie on them are compared as a multiset. An item that maps to nothing
 * (ordering by a column not selected) ends the prefix, since the ordering it imposes cannot be
 * observed in the output.
 */
public final class OrderByAnalyzer {

    private OrderByAnalyzer() {
    }

    /** The output columns (0-based) the query is ordered by, as far as they can be mapped; empty if unordered. */
    public static List<Integer> orderedColumns(String sql, List<String> labels) {
        Optional<String> clause = topLevelOrderBy(sql);
        if (clause.isEmpty()) {
            return List.of();
        }
        List<Integer> columns = new ArrayList<>();
        for (String item : SqlText.splitTopLevel(clause.get(), ',')) {
            int column = columnOf(stripModifiers(item), labels);
            if (column < 0) {
                break;
            }
            columns.add(column);
        }
        return columns;
    }

    /** Whether the query has a top-level ORDER BY at all. */
    public static boolean isOrdered(String sql) {
        return topLevelOrderBy(sql).isPresent();
    }

    /** The text of the last ORDER BY at parenthesis depth 0, up to LIMIT/OFFSET/FETCH or the end. */
    static Optional<String> topLevelOrderBy(String sql) {
        List<SqlText.Token> tokens = SqlText.tokens(sql);
        int start = -1;
        for (int i = 0; i + 1 < tokens.size(); i++) {
            SqlText.Token t = tokens.get(i);
            if (t.depth() == 0 && t.isWord("ORDER") && tokens.get(i + 1).isWord("BY")) {
                start = i + 2;
            }
        }
        if (start < 0 || start >= tokens.size()) {
            return Optional.empty();
        }
        int from = tokens.get(start).start();
        int to = sql.length();
        for (int i = start; i < tokens.size(); i++) {
            SqlText.Token t = tokens.get(i);
            if (t.depth() == 0 && (t.isWord("LIMIT") || t.isWord("OFFSET") || t.isWord("FETCH") || t.text().equals(";"))) {
                to = t.start();
                break;
            }
        }
        return Optional.of(sql.substring(from, to));
    }

    private static String stripModifiers(String item) {
        String s = item.strip();
        String upper = s.toUpperCase(Locale.ROOT);
        for (String suffix : List.of(" NULLS FIRST", " NULLS LAST", " ASC", " DESC")) {
            if (upper.endsWith(suffix)) {
                s = s.substring(0, s.length() - suffix.length()).strip();
                upper = s.toUpperCase(Locale.ROOT);
            }
        }
        // After NULLS ... a direction may remain ("x DESC NULLS LAST").
        for (String suffix : List.of(" ASC", " DESC")) {
            if (upper.endsWith(suffix)) {
                s = s.substring(0, s.length() - suffix.length()).strip();
                upper = s.toUpperCase(Locale.ROOT);
            }
        }
        return s;
    }

    private static int columnOf(String expression, List<String> labels) {
        if (expression.matches("\\d+")) {
            int ordinal = Integer.parseInt(expression);
            return ordinal >= 1 && ordinal <= labels.size() ? ordinal - 1 : -1;
        }
        String key = canonical(expression);
        int found = indexOfLabel(key, labels);
        if (found >= 0) {
            return found;
        }
        // "a.x" orders by the output column labelled "x" if exactly one is.
        int dot = expression.lastIndexOf('.');
        if (dot > 0 && expression.substring(dot + 1).matches("\"?\\w+\"?")) {
            return indexOfLabel(canonical(expression.substring(dot + 1)), labels);
        }
        return -1;
    }

    private static int indexOfLabel(String key, List<String> labels) {
        int found = -1;
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i) != null && canonical(labels.get(i)).equals(key)) {
                if (found >= 0) {
                    return -1; // ambiguous
                }
                found = i;
            }
        }
        return found;
    }

    private static String canonical(String text) {
        return text.replace("\"", "").replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }
}
