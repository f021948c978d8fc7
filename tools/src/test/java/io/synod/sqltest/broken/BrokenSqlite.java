package io.synod.sqltest.broken;

import io.synod.sqltest.exec.Target;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * SQLite behind java.sql proxies that inject one {@link Fault}: a system under test that is
 * wrong in a known way, for the checker's self-test.
 */
public final class BrokenSqlite implements Target {

    private static final Pattern DELETE_WHERE = Pattern.compile("(?is)^\\s*(DELETE\\s+FROM\\s+\\w+)\\s+WHERE\\s.*$");
    private static final Pattern LEFT_JOIN = Pattern.compile("(?i)\\bLEFT\\s+(OUTER\\s+)?JOIN\\b");
    private static final Pattern DESC = Pattern.compile("(?i)\\bDESC\\b");

    private final Fault fault;

    public BrokenSqlite(Fault fault) {
        this.fault = fault;
    }

    @Override
    public String name() {
        return "sqlite-with-" + fault.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public Connection connect() throws SQLException {
        Connection real = DriverManager.getConnection("jdbc:sqlite::memory:");
        return proxy(Connection.class, (p, m, args) -> {
            Object result = invoke(m, real, args);
            return result instanceof Statement s && m.getName().equals("createStatement") ? statement(s) : result;
        });
    }

    private Statement statement(Statement real) {
        return proxy(Statement.class, (p, m, args) -> {
            Object[] actual = args;
            if (args != null && args.length > 0 && args[0] instanceof String sql && m.getName().startsWith("execute")) {
                actual = args.clone();
                actual[0] = rewrite(sql);
            }
            Object result = invoke(m, real, actual);
            return result instanceof ResultSet rs ? resultSet(rs) : result;
        });
    }

    String rewrite(String sql) {
        return switch (fault) {
            case DELETE_IGNORES_WHERE -> DELETE_WHERE.matcher(sql).replaceFirst("$1");
            case LEFT_JOIN_AS_INNER -> LEFT_JOIN.matcher(sql).replaceAll("JOIN");
            case DESC_AS_ASC -> DESC.matcher(sql).replaceAll("ASC");
            default -> sql;
        };
    }

    private ResultSet resultSet(ResultSet real) throws SQLException {
        return switch (fault) {
            case DROP_LAST_ROW -> withoutLastRow(real);
            case NULL_AS_ZERO -> proxy(ResultSet.class, (p, m, args) -> {
                Object value = invoke(m, real, args);
                return m.getName().equals("getObject") && value == null ? Integer.valueOf(0) : value;
            });
            default -> real;
        };
    }

    /** Reads the whole result, drops its last row if it has two or more, and serves the rest. */
    private static ResultSet withoutLastRow(ResultSet real) throws SQLException {
        ResultSetMetaData md = real.getMetaData();
        int columns = md.getColumnCount();
        List<Object[]> rows = new ArrayList<>();
        while (real.next()) {
            Object[] row = new Object[columns];
            for (int i = 0; i < columns; i++) {
                row[i] = real.getObject(i + 1);
            }
            rows.add(row);
        }
        if (rows.size() >= 2) {
            rows.remove(rows.size() - 1);
        }
        int[] position = {-1};
        return proxy(ResultSet.class, (p, m, args) -> switch (m.getName()) {
            case "next" -> ++position[0] < rows.size();
            case "getObject" -> rows.get(position[0])[(Integer) args[0] - 1];
            case "getMetaData" -> md;
            default -> invoke(m, real, args);
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(BrokenSqlite.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static Object invoke(Method m, Object target, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
