package io.synod.sqltest.compare;

import java.util.ArrayList;
import java.util.List;

/** A lexer just good enough to find top-level clauses: skips literals, quoted names and comments. */
final class SqlText {

    /** A word or punctuation token with its offset and parenthesis depth. */
    record Token(String text, int start, int depth) {
        boolean isWord(String word) {
            return text.equalsIgnoreCase(word);
        }
    }

    private SqlText() {
    }

    static List<Token> tokens(String sql) {
        List<Token> out = new ArrayList<>();
        int depth = 0;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '\'' || c == '"') {
                int end = skipQuoted(sql, i, c);
                out.add(new Token(sql.substring(i, end), i, depth));
                i = end;
            } else if (Character.isLetterOrDigit(c) || c == '_') {
                int end = i;
                while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
                    end++;
                }
                out.add(new Token(sql.substring(i, end), i, depth));
                i = end;
            } else {
                if (c == ')') {
                    depth--;
                }
                out.add(new Token(String.valueOf(c), i, depth));
                if (c == '(') {
                    depth++;
                }
                i++;
            }
        }
        return out;
    }

    /** Splits on {@code separator} outside parentheses, literals and quoted names. */
    static List<String> splitTopLevel(String text, char separator) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        for (Token t : tokens(text)) {
            if (t.depth() == 0 && t.text().equals(String.valueOf(separator))) {
                parts.add(text.substring(from, t.start()));
                from = t.start() + 1;
            }
        }
        parts.add(text.substring(from));
        return parts;
    }

    private static int skipQuoted(String sql, int open, char quote) {
        int i = open + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }
}
