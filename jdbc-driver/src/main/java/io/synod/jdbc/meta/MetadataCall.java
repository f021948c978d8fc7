package io.synod.jdbc.meta;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DatabaseMetaData question the remote protocol has no request for (primary keys, indexes,
 * foreign keys, functions...), sent as a statement the gateway answers from the server-side
 * connection's own DatabaseMetaData: {@code CALL SYS.METADATA('getPrimaryKeys', NULL, 'PUBLIC', 'T')}.
 * So the driver answers exactly what the engine does, and the call rides the connection's
 * ordinary statement path (failover, fetching in frames) unchanged.
 *
 * <p>Arguments are NULL, string literals, TRUE/FALSE, integers and integer arrays
 * ({@code ARRAY[1, 2]}); only methods of DatabaseMetaData that return a ResultSet can be called.
 *
 * @param method a DatabaseMetaData method returning a ResultSet
 * @param args   its arguments: String, Boolean, Integer, int[] or null
 */
public record MetadataCall(String method, List<Object> args) {

    private static final Pattern CALL = Pattern.compile(
            "\\s*CALL\\s+SYS\\s*\\.\\s*METADATA\\s*\\((.*)\\)\\s*;?\\s*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");

    /** The statement asking {@code method(args)}. */
    public static String sql(String method, Object... args) {
        StringBuilder sql = new StringBuilder("CALL SYS.METADATA(").append(literal(method));
        for (Object arg : args) {
            sql.append(", ").append(literal(arg));
        }
        return sql.append(')').toString();
    }

    private static String literal(Object value) {
        if (value == null) {
            return "NULL";
        } else if (value instanceof String s) {
            return "'" + s.replace("'", "''") + "'";
        } else if (value instanceof Boolean || value instanceof Integer) {
            return value.toString().toUpperCase(Locale.ROOT);
        } else if (value instanceof int[] array) {
            StringBuilder out = new StringBuilder("ARRAY[");
            for (int i = 0; i < array.length; i++) {
                out.append(i == 0 ? "" : ", ").append(array[i]);
            }
            return out.append(']').toString();
        }
        throw new IllegalArgumentException("no literal for a " + value.getClass().getSimpleName());
    }

    /** The metadata call {@code sql} is, if it is one; a malformed one is an error, not another statement. */
    public static Optional<MetadataCall> parse(String sql) throws SQLException {
        Matcher m = CALL.matcher(sql);
        if (!m.matches()) {
            return Optional.empty();
        }
        List<Object> values = new Tokens(m.group(1)).arguments();
        if (values.isEmpty() || !(values.get(0) instanceof String method)) {
            throw new SQLException("SYS.METADATA takes the name of a DatabaseMetaData method first", "42000");
        }
        return Optional.of(new MetadataCall(method, values.subList(1, values.size())));
    }

    /** Asks {@code metadata} this question. */
    public ResultSet invoke(DatabaseMetaData metadata) throws SQLException {
        Method target = Arrays.stream(DatabaseMetaData.class.getMethods())
                .filter(m -> m.getName().equals(method) && m.getReturnType() == ResultSet.class
                        && m.getParameterCount() == args.size())
                .findFirst()
                .orElseThrow(() -> new SQLException("DatabaseMetaData has no result set method " + method + " with "
                        + args.size() + " arguments", "42883"));
        Class<?>[] types = target.getParameterTypes();
        Object[] values = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            values[i] = convert(args.get(i), types[i], i + 1);
        }
        try {
            return (ResultSet) target.invoke(metadata, values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new SQLException(method + " failed: " + e.getCause(), "XX000", e.getCause());
        } catch (IllegalAccessException e) {
            throw new SQLException(method + " cannot be called: " + e.getMessage(), "XX000", e);
        }
    }

    private Object convert(Object value, Class<?> type, int position) throws SQLException {
        boolean fits = value == null ? !type.isPrimitive()
                : type == String.class ? value instanceof String
                : type == boolean.class ? value instanceof Boolean
                : type == int.class ? value instanceof Integer
                : type == int[].class && value instanceof int[];
        if (!fits) {
            throw new SQLException("argument " + position + " of " + method + " must be a " + type.getSimpleName()
                    + ", not " + literal(value), "42804");
        }
        return value;
    }

    /** Reads the comma-separated literals of the argument list. */
    private static final class Tokens {
        private final String text;
        private int at;

        Tokens(String text) {
            this.text = text;
        }

        List<Object> arguments() throws SQLException {
            List<Object> values = new ArrayList<>();
            skipSpaces();
            if (at == text.length()) {
                return values;
            }
            while (true) {
                values.add(value());
                skipSpaces();
                if (at == text.length()) {
                    return values;
                }
                expect(',');
            }
        }

        private Object value() throws SQLException {
            skipSpaces();
            if (at < text.length() && text.charAt(at) == '\'') {
                return string();
            }
            if (text.regionMatches(true, at, "ARRAY", 0, 5)) {
                at += 5;
                return array();
            }
            String word = word();
            return switch (word.toUpperCase(Locale.ROOT)) {
                case "NULL" -> null;
                case "TRUE" -> Boolean.TRUE;
                case "FALSE" -> Boolean.FALSE;
                default -> integer(word);
            };
        }

        private String string() throws SQLException {
            StringBuilder out = new StringBuilder();
            at++;
            while (at < text.length()) {
                char c = text.charAt(at++);
                if (c != '\'') {
                    out.append(c);
                } else if (at < text.length() && text.charAt(at) == '\'') {
                    out.append('\'');
                    at++;
                } else {
                    return out.toString();
                }
            }
            throw error("unterminated string literal");
        }

        private int[] array() throws SQLException {
            skipSpaces();
            expect('[');
            List<Integer> items = new ArrayList<>();
            skipSpaces();
            if (at < text.length() && text.charAt(at) == ']') {
                at++;
                return new int[0];
            }
            while (true) {
                skipSpaces();
                items.add(integer(word()));
                skipSpaces();
                if (at < text.length() && text.charAt(at) == ']') {
                    at++;
                    return items.stream().mapToInt(Integer::intValue).toArray();
                }
                expect(',');
            }
        }

        private String word() {
            int start = at;
            while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '-')) {
                at++;
            }
            return text.substring(start, at);
        }

        private Integer integer(String word) throws SQLException {
            if (!INTEGER.matcher(word).matches()) {
                throw error("expected NULL, TRUE, FALSE, a string, an integer or ARRAY[...], found '" + word + "'");
            }
            try {
                return Integer.valueOf(word);
            } catch (NumberFormatException e) {
                throw error("integer out of range: " + word);
            }
        }

        private void expect(char c) throws SQLException {
            if (at >= text.length() || text.charAt(at) != c) {
                throw error("expected '" + c + "'");
            }
            at++;
        }

        private void skipSpaces() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private SQLException error(String what) {
            return new SQLException("syntax error in SYS.METADATA arguments at position " + (at + 1) + ": " + what,
                    "42601");
        }
    }
}
