package io.synod.sqltest.metadata;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** A metadata result set read into memory: its column labels and rows keyed by upper-cased label. */
public record ResultTable(List<String> labels, List<Map<String, Object>> rows) {

    public static ResultTable read(ResultSet rs) throws SQLException {
        try (rs) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> labels = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                labels.add(md.getColumnLabel(i).toUpperCase(Locale.ROOT));
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= labels.size(); i++) {
                    row.put(labels.get(i - 1), rs.getObject(i));
                }
                rows.add(row);
            }
            return new ResultTable(labels, rows);
        }
    }

    /** The values of one column, as strings (null stays null). */
    public List<String> strings(String label) {
        return rows.stream().map(r -> r.get(label)).map(v -> v == null ? null : v.toString()).toList();
    }

    /** Rows whose {@code label} column equals {@code value}, ignoring case. */
    public List<Map<String, Object>> where(String label, String value) {
        return rows.stream().filter(r -> r.get(label) != null && r.get(label).toString().equalsIgnoreCase(value)).toList();
    }

    /** The integer value of a column in a row (JDBC drivers return Short, Integer or Long). */
    public static Integer integer(Map<String, Object> row, String label) {
        Object v = row.get(label);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return n.intValue();
        }
        return Integer.valueOf(v.toString().strip());
    }

    public static String string(Map<String, Object> row, String label) {
        return Objects.toString(row.get(label), null);
    }
}
