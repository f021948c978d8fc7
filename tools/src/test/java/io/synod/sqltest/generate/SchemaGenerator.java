package io.synod.sqltest.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Generates 2 to 4 tables with varied column types, nullability, keys and indexes. */
final class SchemaGenerator {

    private static final List<ColumnType> VALUE_TYPES = List.of(
        ColumnType.INTEGER, ColumnType.INTEGER, ColumnType.BIGINT, ColumnType.VARCHAR, ColumnType.VARCHAR,
        ColumnType.DOUBLE, ColumnType.DECIMAL);

    private SchemaGenerator() {
    }

    static List<Table> generate(Rand r) {
        int count = r.between(2, 4);
        List<Table> tables = new ArrayList<>();
        for (int t = 1; t <= count; t++) {
            tables.add(table("t" + t, r));
        }
        return tables;
    }

    private static Table table(String name, Rand r) {
        Map<ColumnType, Integer> counters = new TreeMap<>();
        List<Column> columns = new ArrayList<>();
        List<Column> key = new ArrayList<>();
        // Key columns are declared NOT NULL: SQLite, unlike the standard, lets a non-INTEGER
        // PRIMARY KEY column hold NULL unless told otherwise.
        ColumnType keyType = r.chance(0.75) ? ColumnType.INTEGER : r.pickOne(ColumnType.BIGINT, ColumnType.VARCHAR);
        key.add(new Column("id", keyType, 8, false));
        if (r.chance(0.2)) {
            key.add(new Column("k2", ColumnType.INTEGER, 0, false));
        }
        columns.addAll(key);
        int values = r.between(2, 5);
        for (int i = 0; i < values; i++) {
            ColumnType type = r.pick(VALUE_TYPES);
            int n = counters.merge(type, 1, Integer::sum);
            int length = type == ColumnType.VARCHAR ? r.pickOne(4, 8, 20) : 0;
            columns.add(new Column(type.prefix + n, type, length, r.chance(0.65)));
        }
        List<List<Column>> indexes = new ArrayList<>();
        List<Column> valueColumns = columns.subList(key.size(), columns.size());
        if (r.chance(0.5)) {
            Column first = r.pick(valueColumns);
            List<Column> index = new ArrayList<>(List.of(first));
            Column second = r.pick(valueColumns);
            if (second != first && r.chance(0.3)) {
                index.add(second);
            }
            indexes.add(index);
        }
        return new Table(name, columns, key, indexes);
    }
}
