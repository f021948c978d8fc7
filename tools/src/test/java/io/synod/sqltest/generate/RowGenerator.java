package io.synod.sqltest.generate;

import io.synod.sqltest.script.Step;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Rows for INSERT statements: NULLs in nullable columns, duplicate values elsewhere, and keys
 * that are usually fresh but sometimes repeat one already used (a duplicate-key error both
 * systems must raise, undoing the whole statement).
 */
final class RowGenerator {

    private final Rand r;
    private final Map<Table, List<List<String>>> usedKeys = new HashMap<>();
    private int freshKey = 500;

    RowGenerator(Rand r) {
        this.r = r;
    }

    /** The initial rows of a table, as one multi-row INSERT (splittable per row), or none. */
    List<Step> initialData(Table table) {
        int rows = r.chance(0.08) ? 0 : r.between(1, 12);
        List<List<String>> values = new ArrayList<>();
        Set<List<String>> keys = new HashSet<>();
        for (int i = 0; i < rows * 2 && values.size() < rows; i++) {
            List<String> row = row(table, false, true);
            if (keys.add(key(table, row))) {
                values.add(row);
            }
        }
        if (values.isEmpty()) {
            return List.of();
        }
        usedKeys.computeIfAbsent(table, t -> new ArrayList<>()).addAll(keys);
        return List.of(insert(table, table.columns(), values));
    }

    /** An INSERT of 1 to 4 rows, naming its columns (and leaving out some nullable ones) at times. */
    Step insert(Table table) {
        List<Column> columns = table.columns();
        if (r.chance(0.3)) {
            columns = table.columns().stream().filter(c -> !c.nullable() || r.chance(0.5)).toList();
        }
        int n = r.between(1, 4);
        // About one INSERT in ten repeats a key used before (by one of its rows).
        int duplicateRow = r.chance(0.1) ? r.between(0, n - 1) : -1;
        List<List<String>> values = new ArrayList<>();
        List<List<String>> newKeys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<String> full = row(table, i == duplicateRow, false);
            newKeys.add(key(table, full));
            List<String> projected = new ArrayList<>();
            for (Column c : columns) {
                projected.add(full.get(table.columns().indexOf(c)));
            }
            values.add(projected);
        }
        usedKeys.computeIfAbsent(table, t -> new ArrayList<>()).addAll(newKeys);
        return insert(table, columns, values);
    }

    private static Step insert(Table table, List<Column> columns, List<List<String>> rows) {
        String head = "INSERT INTO " + table.name()
            + (columns.size() == table.columns().size() ? "" : " (" + columns.stream().map(Column::name)
            .collect(Collectors.joining(", ")) + ")")
            + " VALUES ";
        List<String> tuples = rows.stream().map(v -> "(" + String.join(", ", v) + ")").toList();
        return Step.splittable(head + String.join(", ", tuples), tuples.stream().map(t -> head + t).toList());
    }

    private List<String> row(Table table, boolean reuseKey, boolean initial) {
        List<String> values = new ArrayList<>();
        List<List<String>> used = usedKeys.getOrDefault(table, List.of());
        List<String> key = reuseKey && !used.isEmpty() ? r.pick(used) : null;
        int keyIndex = 0;
        for (Column c : table.columns()) {
            if (table.isKey(c)) {
                values.add(key != null ? key.get(keyIndex) : keyValue(c, initial));
                keyIndex++;
            } else if (c.nullable() && r.chance(0.25)) {
                values.add("NULL");
            } else {
                values.add(Literals.of(c, r));
            }
        }
        return values;
    }

    /**
     * Key values: small in the initial data (so they match other tables' values in joins; the
     * caller drops duplicates), fresh in later INSERTs unless a duplicate is wanted.
     */
    private String keyValue(Column c, boolean initial) {
        boolean small = initial && r.chance(0.8);
        int n = small ? r.between(-2, 20) : ++freshKey;
        return switch (c.type()) {
            case VARCHAR -> small ? Literals.string(r, c.length()) : "'k" + n + "'";
            default -> Integer.toString(n);
        };
    }

    private static List<String> key(Table table, List<String> row) {
        List<String> key = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            if (table.isKey(table.columns().get(i))) {
                key.add(row.get(i));
            }
        }
        return key;
    }
}
