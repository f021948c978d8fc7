package io.synod.sql.calcite.exec;

import io.synod.sql.calcite.rel.AccessPath;
import io.synod.sql.calcite.rel.KeyValue;
import io.synod.sql.catalog.ColumnDef;
import io.synod.sql.catalog.TableDef;
import io.synod.sql.catalog.TableKeys;
import io.synod.sql.encoding.KeyEncoder;
import io.synod.sql.encoding.KeySpace;
import io.synod.sql.kv.ByteKeys;
import java.util.List;
import org.apache.calcite.DataContext;

/**
 * The keys an access path covers: {@code [start, end)}, or for a point get the one key
 * {@code start}. Bounds compare encoded keys, whose order is SQL order; a range with no lower
 * bound starts after the NULLs of a nullable column (a comparison with NULL is never true).
 */
record KeyRange(byte[] start, byte[] end) {

    /** The range of {@code path} with its parameters bound, or null if it holds no key (a NULL bound). */
    static KeyRange of(TableDef table, AccessPath path, DataContext context) {
        byte[] prefix = path.usesIndex()
                ? KeySpace.indexPrefix(table.id(), path.index().id())
                : TableKeys.rowPrefix(table);
        List<ColumnDef> key = path.keyColumns(table);
        KeyEncoder base = new KeyEncoder(prefix);
        for (int i = 0; i < path.equalities().size(); i++) {
            if (!write(base, key.get(i), path.equalities().get(i), context)) {
                return null;
            }
        }
        byte[] baseKey = base.toByteArray();
        if (path.kind() == AccessPath.Kind.PK_POINT) {
            return new KeyRange(baseKey, null);
        }
        byte[] start = baseKey;
        byte[] end = ByteKeys.prefixEnd(baseKey);
        if (path.lower() == null && path.upper() == null) {
            return new KeyRange(start, end);
        }
        ColumnDef column = key.get(path.equalities().size());
        if (path.lower() != null) {
            KeyEncoder bound = new KeyEncoder(baseKey);
            if (!write(bound, column, path.lower().value(), context)) {
                return null;
            }
            start = path.lower().inclusive() ? bound.toByteArray() : ByteKeys.prefixEnd(bound.toByteArray());
        } else if (column.nullable()) {
            start = ByteKeys.prefixEnd(new KeyEncoder(baseKey).writeNull().toByteArray());
        }
        if (path.upper() != null) {
            KeyEncoder bound = new KeyEncoder(baseKey);
            if (!write(bound, column, path.upper().value(), context)) {
                return null;
            }
            end = path.upper().inclusive() ? ByteKeys.prefixEnd(bound.toByteArray()) : bound.toByteArray();
        }
        return new KeyRange(start, end);
    }

    /** Appends the bound value; false if it is NULL. */
    private static boolean write(KeyEncoder encoder, ColumnDef column, KeyValue value, DataContext context) {
        Object v = value.resolve(context);
        if (v == null) {
            return false;
        }
        if (value.isParameter()) {
            // A string that cannot be stored in the column equals none of its values.
            v = v instanceof String s ? ValueCoercion.charKey(s, column) : ValueCoercion.toColumn(v, column);
            if (v == null) {
                return false;
            }
        }
        encoder.write(column.type().type(), v);
        return true;
    }
}
