package io.synod.sqltest.script;

import java.util.Locale;

/** What a statement is, which decides what of its outcome is compared. */
public enum StepKind {
    /** Returns rows: compared as a multiset, or in order for its ORDER BY prefix. */
    QUERY,
    /** INSERT, UPDATE, DELETE, MERGE: update counts are compared. */
    DML,
    /** Anything else (DDL, session statements): only success or failure is compared. */
    OTHER;

    /** Classifies a statement by its first keyword. */
    public static StepKind of(String sql) {
        String word = firstWord(sql);
        return switch (word) {
            case "SELECT", "WITH", "VALUES", "(" -> QUERY;
            case "INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT" -> DML;
            default -> OTHER;
        };
    }

    private static String firstWord(String sql) {
        String s = sql.strip();
        if (s.startsWith("(")) {
            return "(";
        }
        int end = 0;
        while (end < s.length() && Character.isLetter(s.charAt(end))) {
            end++;
        }
        return s.substring(0, end).toUpperCase(Locale.ROOT);
    }
}
