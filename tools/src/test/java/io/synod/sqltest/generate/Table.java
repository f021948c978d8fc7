package io.synod.sqltest.generate;

import java.util.List;
import java.util.stream.Collectors;

/** A generated table: columns, primary key and secondary indexes (lists of column names). */
record Table(String name, List<Column> columns, List<Column> primaryKey, List<List<Column>> indexes) {

    List<String> ddl() {
        String columnsDdl = columns.stream().map(Column::ddl).collect(Collectors.joining(", "));
        String pk = primaryKey.stream().map(Column::name).collect(Collectors.joining(", "));
        List<String> out = new java.util.ArrayList<>();
        out.add("CREATE TABLE " + name + " (" + columnsDdl + ", PRIMARY KEY (" + pk + "))");
        for (int i = 0; i < indexes.size(); i++) {
            String cols = indexes.get(i).stream().map(Column::name).collect(Collectors.joining(", "));
            out.add("CREATE INDEX " + name + "_ix" + (i + 1) + " ON " + name + " (" + cols + ")");
        }
        return out;
    }

    boolean isKey(Column c) {
        return primaryKey.contains(c);
    }

    List<Column> nonKeyColumns() {
        return columns.stream().filter(c -> !isKey(c)).toList();
    }
}
