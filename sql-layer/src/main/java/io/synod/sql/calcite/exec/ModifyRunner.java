package io.synod.sql.calcite.exec;

import io.synod.sql.SqlStateException;
import io.synod.sql.calcite.SessionContext;
import io.synod.sql.catalog.TableDef;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.rel.core.TableModify;

/**
 * Applies a DML statement's rows to a table in the session's transaction and yields the number
 * of rows affected. All input rows are read before the first write, so a statement never sees
 * its own changes (an {@code INSERT INTO t SELECT ... FROM t} copies each row once, an UPDATE of
 * primary keys cannot collide with a row it moves later). UPDATE deletes every old row before
 * writing the new ones, so swapping key values between rows works.
 *
 * <p>Input layouts (Calcite's): INSERT and DELETE rows are table rows; UPDATE rows are the old
 * row followed by the new values of the updated columns; MERGE rows are the values to insert
 * (all null if the source row matched), then the old row (all null if it did not), then the new
 * values of the updated columns.
 */
public final class ModifyRunner {

    /** {@link #run(Enumerable)}, called by generated code. */
    public static final Method RUN = Types.lookupMethod(ModifyRunner.class, "run", Enumerable.class);

    private final SessionContext session;
    private final TableDef table;
    private final TableModify.Operation operation;
    private final List<Integer> updateColumns;
    private final boolean upsert;

    /** @param upsert an INSERT whose rows replace the rows of the same primary key (UPSERT) */
    public ModifyRunner(SessionContext session, TableDef table, TableModify.Operation operation,
                        List<Integer> updateColumns, boolean upsert) {
        this.session = session;
        this.table = table;
        this.operation = operation;
        this.updateColumns = List.copyOf(updateColumns);
        this.upsert = upsert;
    }

    /** The affected row count, computed (and the writes made) when enumerated. */
    public Enumerable<Long> run(Enumerable<Object[]> rows) {
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<Long> enumerator() {
                List<Object[]> input;
                try {
                    input = rows.toList();
                } catch (ArithmeticException e) {
                    // Calcite's casts report overflow so ("Value 40000 out of range"); the rows of
                    // INSERT ... SELECT may also divide by zero.
                    throw SqlStateException.arithmetic(e);
                }
                return Linq4j.singletonEnumerator(apply(input));
            }
        };
    }

    private long apply(List<Object[]> rows) {
        TableWriter writer = new TableWriter(session, table);
        return switch (operation) {
            case INSERT -> upsert ? upsert(writer, rows) : insert(writer, rows);
            case DELETE -> delete(writer, rows);
            case UPDATE -> update(writer, rows, 0);
            case MERGE -> merge(writer, rows);
        };
    }

    private static long insert(TableWriter writer, List<Object[]> rows) {
        for (Object[] values : rows) {
            Object[] row = writer.coerce(values);
            writer.insert(writer.newKey(row), row);
        }
        return rows.size();
    }

    /** Row by row, so that of two rows with one key the later wins. */
    private static long upsert(TableWriter writer, List<Object[]> rows) {
        for (Object[] values : rows) {
            Object[] row = writer.coerce(values);
            writer.replace(writer.newKey(row), row);
        }
        return rows.size();
    }

    private long delete(TableWriter writer, List<Object[]> rows) {
        for (Object[] row : rows) {
            writer.delete(writer.keyOf(row), row);
        }
        return rows.size();
    }

    /** UPDATE rows whose old row starts at {@code offset}. */
    private long update(TableWriter writer, List<Object[]> rows, int offset) {
        int width = table.columns().size();
        List<byte[]> oldKeys = new ArrayList<>(rows.size());
        List<Object[]> newRows = new ArrayList<>(rows.size());
        for (Object[] input : rows) {
            Object[] old = Arrays.copyOfRange(input, offset, offset + width);
            Object[] updated = old.clone();
            for (int i = 0; i < updateColumns.size(); i++) {
                updated[updateColumns.get(i)] = input[offset + width + i];
            }
            byte[] key = writer.keyOf(old);
            writer.delete(key, old);
            oldKeys.add(key);
            newRows.add(updated);
        }
        for (int i = 0; i < newRows.size(); i++) {
            Object[] row = writer.coerce(newRows.get(i));
            writer.insert(table.hiddenRowId() ? oldKeys.get(i) : writer.newKey(row), row);
        }
        return rows.size();
    }

    /**
     * A row whose old-row part is all NULL found no match: its insert part is inserted. A MERGE
     * without WHEN NOT MATCHED has no insert part (Calcite then joins inner: every row matched).
     */
    private long merge(TableWriter writer, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        int width = table.columns().size();
        int insertWidth = rows.get(0).length - width - updateColumns.size();
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        for (Object[] input : rows) {
            if (insertWidth > 0 && isAllNull(input, insertWidth, width)) {
                inserts.add(Arrays.copyOfRange(input, 0, width));
            } else {
                updates.add(input);
            }
        }
        long count = update(writer, updates, insertWidth);
        return count + insert(writer, inserts);
    }

    private static boolean isAllNull(Object[] row, int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (row[i] != null) {
                return false;
            }
        }
        return true;
    }
}
