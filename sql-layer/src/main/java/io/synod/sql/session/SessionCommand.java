package io.synod.sql.session;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statements the session runs itself instead of handing them to Calcite: transaction
 * control (BEGIN, START TRANSACTION, COMMIT, ROLLBACK, SAVEPOINT, SET TRANSACTION) and session
 * settings (SET CONSISTENCY, SET MAX_STALENESS_MS, SHOW CONSISTENCY).
 */
sealed interface SessionCommand {

    /** BEGIN [WORK | TRANSACTION] / START TRANSACTION [READ ONLY | READ WRITE] [ISOLATION LEVEL ...]. */
    record Begin(Boolean readOnly, String isolation) implements SessionCommand {
    }

    record Commit() implements SessionCommand {
    }

    record Rollback() implements SessionCommand {
    }

    /** SET TRANSACTION [READ ONLY | READ WRITE] [ISOLATION LEVEL ...] (either part optional). */
    record SetTransaction(Boolean readOnly, String isolation) implements SessionCommand {
    }

    record SetConsistency(String level) implements SessionCommand {
    }

    record SetMaxStaleness(String millis) implements SessionCommand {
    }

    record ShowConsistency() implements SessionCommand {
    }

    record CreateSavepoint(String name) implements SessionCommand {
    }

    record RollbackToSavepoint(String name) implements SessionCommand {
    }

    record ReleaseSavepoint(String name) implements SessionCommand {
    }

    String ISOLATION = "(?:(?:\\s*,\\s*|\\s+)ISOLATION\\s+LEVEL\\s+(SERIALIZABLE|REPEATABLE\\s+READ|READ\\s+COMMITTED|READ\\s+UNCOMMITTED))?";
    String ACCESS = "(?:(?:\\s*,\\s*|\\s+)READ\\s+(ONLY|WRITE))?";
    String NAME = "(\"[^\"]+\"|[A-Za-z_][A-Za-z0-9_]*)";

    Pattern BEGIN = Pattern.compile("BEGIN(?:\\s+(?:WORK|TRANSACTION))?" + ACCESS + ISOLATION + ACCESS);
    Pattern START = Pattern.compile("START\\s+TRANSACTION" + ACCESS + ISOLATION + ACCESS);
    Pattern COMMIT = Pattern.compile("(?:COMMIT|END)(?:\\s+(?:WORK|TRANSACTION))?");
    Pattern ROLLBACK = Pattern.compile("(?:ROLLBACK|ABORT)(?:\\s+(?:WORK|TRANSACTION))?");
    Pattern SET_TRANSACTION = Pattern.compile("SET\\s+TRANSACTION" + ACCESS + ISOLATION + ACCESS);
    Pattern SET_CONSISTENCY = Pattern.compile("SET\\s+(?:SESSION\\s+)?CONSISTENCY\\s*(?:=|\\s+TO\\s+|\\s)\\s*'?([A-Za-z_-]+)'?");
    Pattern SET_STALENESS = Pattern.compile("SET\\s+(?:SESSION\\s+)?MAX_STALENESS_MS\\s*(?:=|\\s+TO\\s+|\\s)\\s*'?([0-9A-Za-z_-]+)'?");
    Pattern SHOW_CONSISTENCY = Pattern.compile("SHOW\\s+CONSISTENCY");
    Pattern SAVEPOINT = Pattern.compile("SAVEPOINT\\s+" + NAME);
    Pattern ROLLBACK_TO = Pattern.compile("ROLLBACK(?:\\s+WORK|\\s+TRANSACTION)?\\s+TO\\s+(?:SAVEPOINT\\s+)?" + NAME);
    Pattern RELEASE = Pattern.compile("RELEASE\\s+(?:SAVEPOINT\\s+)?" + NAME);

    /** The session command {@code sql} is, if it is one (comments and a trailing semicolon ignored). */
    static Optional<SessionCommand> parse(String sql) {
        return parseNormalized(normalize(sql));
    }

    /** As {@link #parse}, of SQL already {@link #normalize normalized}. */
    static Optional<SessionCommand> parseNormalized(String s) {
        Matcher m;
        if ((m = BEGIN.matcher(s)).matches() || (m = START.matcher(s)).matches()) {
            return Optional.of(new Begin(access(m.group(1), m.group(3)), isolation(m.group(2))));
        }
        if (COMMIT.matcher(s).matches()) {
            return Optional.of(new Commit());
        }
        if (ROLLBACK.matcher(s).matches()) {
            return Optional.of(new Rollback());
        }
        if ((m = SET_TRANSACTION.matcher(s)).matches()) {
            return Optional.of(new SetTransaction(access(m.group(1), m.group(3)), isolation(m.group(2))));
        }
        if ((m = SET_CONSISTENCY.matcher(s)).matches()) {
            return Optional.of(new SetConsistency(m.group(1)));
        }
        if ((m = SET_STALENESS.matcher(s)).matches()) {
            return Optional.of(new SetMaxStaleness(m.group(1)));
        }
        if (SHOW_CONSISTENCY.matcher(s).matches()) {
            return Optional.of(new ShowConsistency());
        }
        if ((m = SAVEPOINT.matcher(s)).matches()) {
            return Optional.of(new CreateSavepoint(name(m.group(1))));
        }
        if ((m = ROLLBACK_TO.matcher(s)).matches()) {
            return Optional.of(new RollbackToSavepoint(name(m.group(1))));
        }
        if ((m = RELEASE.matcher(s)).matches()) {
            return Optional.of(new ReleaseSavepoint(name(m.group(1))));
        }
        return Optional.empty();
    }

    /** Whether {@code sql} starts like a statement that only reads (for autocommit stale reads). */
    static boolean looksLikeQuery(String sql) {
        return looksLikeQueryNormalized(normalize(sql));
    }

    /** As {@link #looksLikeQuery}, of SQL already {@link #normalize normalized}. */
    static boolean looksLikeQueryNormalized(String s) {
        int end = 0;
        while (end < s.length() && Character.isLetter(s.charAt(end))) {
            end++;
        }
        return switch (s.substring(0, end)) {
            case "SELECT", "WITH", "VALUES", "EXPLAIN", "DESCRIBE", "TABLE" -> true;
            default -> s.startsWith("(");
        };
    }

    /** Whether {@code s} ({@link #normalize normalized} SQL) is a data definition statement. */
    static boolean looksLikeDdlNormalized(String s) {
        int end = 0;
        while (end < s.length() && Character.isLetter(s.charAt(end))) {
            end++;
        }
        return switch (s.substring(0, end)) {
            case "CREATE", "DROP", "ALTER", "TRUNCATE" -> true;
            default -> false;
        };
    }

    /** Upper-cased outside quotes, with comments, surrounding blanks and one trailing ';' removed. */
    static String normalize(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        char quote = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (quote != 0) {
                out.append(c);
                if (c == quote) {
                    quote = 0;
                }
                i++;
            } else if (c == '\'' || c == '"') {
                quote = c;
                out.append(c);
                i++;
            } else if (sql.startsWith("--", i)) {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? sql.length() : nl + 1;
                out.append(' ');
            } else if (sql.startsWith("/*", i)) {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? sql.length() : close + 2;
                out.append(' ');
            } else {
                out.append(Character.toUpperCase(c));
                i++;
            }
        }
        String s = out.toString().strip();
        if (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s;
    }

    private static Boolean access(String first, String second) {
        String a = first != null ? first : second;
        return a == null ? null : a.equals("ONLY");
    }

    private static String isolation(String level) {
        return level == null ? null : level.replaceAll("\\s+", " ");
    }

    private static String name(String raw) {
        return raw.startsWith("\"") ? raw.substring(1, raw.length() - 1) : raw.toUpperCase(Locale.ROOT);
    }
}
