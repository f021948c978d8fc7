package io.synod.sqltest.corpus;

import io.synod.sqltest.script.Expectation;
import io.synod.sqltest.script.Step;
import io.synod.sqltest.script.StepKind;
import io.synod.sqltest.script.TestCase;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a hand-written corpus file, a sqllogictest-like format whose queries are compared
 * differentially instead of against recorded answers:
 *
 * <pre>
 * # a comment
 * statement ok          -- must succeed (on the reference too: a wrong corpus is reported)
 * CREATE TABLE t (...)
 *
 * statement error       -- must fail
 * INSERT INTO t ...
 *
 * query                 -- rows compared; in order as far as a top-level ORDER BY fixes it
 * SELECT ...
 * </pre>
 *
 * A record's SQL runs from the line after its header to the next blank line. The cleanup of the
 * case drops every table and view the file creates, views first.
 */
public final class CorpusParser {

    private static final Pattern CREATED = Pattern.compile(
        "(?is)^\\s*CREATE\\s+(TABLE|VIEW)\\s+(IF\\s+NOT\\s+EXISTS\\s+)?(\"[^\"]+\"|[\\w.]+)");

    private CorpusParser() {
    }

    public static TestCase parse(String name, String text) {
        List<Step> steps = new ArrayList<>();
        List<String> lines = text.lines().toList();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                i++;
                continue;
            }
            int headerLine = i + 1;
            Expectation expectation = expectation(name, headerLine, line);
            i++;
            StringBuilder sql = new StringBuilder();
            while (i < lines.size() && !lines.get(i).isBlank()) {
                if (!lines.get(i).strip().startsWith("#")) {
                    sql.append(sql.length() == 0 ? "" : "\n").append(lines.get(i));
                }
                i++;
            }
            String statement = sql.toString().strip();
            if (statement.endsWith(";")) {
                statement = statement.substring(0, statement.length() - 1).strip();
            }
            if (statement.isEmpty()) {
                throw new IllegalArgumentException(name + ":" + headerLine + ": '" + line + "' has no SQL under it");
            }
            StepKind kind = StepKind.of(statement);
            if (line.startsWith("query") && kind != StepKind.QUERY) {
                throw new IllegalArgumentException(name + ":" + headerLine + ": a query record must hold a SELECT");
            }
            steps.add(new Step(statement, kind, expectation, name + ":" + headerLine, List.of()));
        }
        return new TestCase(name, 0, steps, cleanup(steps));
    }

    private static Expectation expectation(String name, int lineNumber, String header) {
        return switch (header.toLowerCase(Locale.ROOT)) {
            case "statement ok" -> Expectation.OK;
            case "statement error" -> Expectation.ERROR;
            case "query" -> Expectation.OK;
            default -> throw new IllegalArgumentException(name + ":" + lineNumber
                + ": expected 'statement ok', 'statement error' or 'query', found '" + header + "'");
        };
    }

    private static List<String> cleanup(List<Step> steps) {
        List<String> tables = new ArrayList<>();
        List<String> views = new ArrayList<>();
        for (Step s : steps) {
            Matcher m = CREATED.matcher(s.sql());
            if (m.find()) {
                (m.group(1).equalsIgnoreCase("VIEW") ? views : tables).add(m.group(3));
            }
        }
        Collections.reverse(tables);
        Collections.reverse(views);
        List<String> out = new ArrayList<>();
        views.stream().distinct().forEach(v -> out.add("DROP VIEW IF EXISTS " + v));
        tables.stream().distinct().forEach(t -> out.add("DROP TABLE IF EXISTS " + t));
        return out;
    }
}
