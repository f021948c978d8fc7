package io.synod.sql.calcite.exec;

import io.synod.sql.calcite.SessionContext;
import io.synod.sql.calcite.rel.AccessPath;
import io.synod.sql.calcite.rel.ScanSpec;
import io.synod.sql.catalog.TableDef;
import io.synod.sql.catalog.TableKeys;
import io.synod.sql.encoding.RowCodec;
import io.synod.sql.kv.ByteKeys;
import io.synod.sql.kv.KvEntry;
import io.synod.sql.txn.Transaction;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.tree.Types;

/**
 * Executes a scan's access path in the session's current transaction: a point get, or a walk of
 * a key range in pages (forward or reverse), following index entries to their rows. Rows are
 * decoded, projected and cut to the pushed offset and fetch. Lazy: nothing is read until the
 * rows are enumerated, and each enumeration reads afresh.
 */
public final class ScanRunner {

    /** {@link #run(DataContext)}, called by generated code. */
    public static final Method RUN = Types.lookupMethod(ScanRunner.class, "run", DataContext.class);

    /** Keys asked for per store read when no limit bounds the walk. */
    private static final int PAGE = 256;

    private final SessionContext session;
    private final TableDef table;
    private final ScanSpec spec;
    private final boolean scalar;
    private final RowCodec codec;

    public ScanRunner(SessionContext session, TableDef table, ScanSpec spec, boolean scalar) {
        this.session = session;
        this.table = table;
        this.spec = spec;
        this.scalar = scalar;
        this.codec = table.rowCodec();
    }

    /** The rows: {@code Object[]} per row, or the bare value when one column is returned. */
    public Enumerable<Object> run(DataContext context) {
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<Object> enumerator() {
                return Linq4j.iterableEnumerator(() -> rows(context));
            }
        };
    }

    private Iterator<Object> rows(DataContext context) {
        Transaction tx = session.transaction();
        KeyRange range = KeyRange.of(table, spec.path(), context);
        if (range == null || spec.fetch() == 0) {
            return Collections.emptyIterator();
        }
        Iterator<Object[]> stored;
        if (spec.path().kind() == AccessPath.Kind.PK_POINT) {
            Optional<byte[]> row = tx.get(range.start());
            stored = row.map(bytes -> List.<Object[]>of(codec.decode(bytes)).iterator())
                    .orElse(Collections.emptyIterator());
        } else {
            stored = new KeyWalk(tx, range);
        }
        return new Output(stored);
    }

    private Object output(Object[] row) {
        if (spec.projection() == null) {
            return scalar ? row[0] : row;
        }
        if (scalar) {
            return row[spec.projection().get(0)];
        }
        Object[] out = new Object[spec.projection().size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = row[spec.projection().get(i)];
        }
        return out;
    }

    /** Skips the offset, stops after the fetch, projects. */
    private final class Output implements Iterator<Object> {
        private final Iterator<Object[]> rows;
        private long toSkip = spec.offset();
        private long left = spec.fetch() < 0 ? Long.MAX_VALUE : spec.fetch();

        Output(Iterator<Object[]> rows) {
            this.rows = rows;
        }

        @Override
        public boolean hasNext() {
            while (toSkip > 0 && rows.hasNext()) {
                rows.next();
                toSkip--;
            }
            return left > 0 && rows.hasNext();
        }

        @Override
        public Object next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            left--;
            return output(rows.next());
        }
    }

    /** Walks a key range page by page; index entries are followed to their rows. */
    private final class KeyWalk implements Iterator<Object[]> {
        private final Transaction tx;
        private byte[] start;
        private byte[] end;
        private final ArrayDeque<KvEntry> page = new ArrayDeque<>();
        private boolean exhausted;
        private long wanted;

        KeyWalk(Transaction tx, KeyRange range) {
            this.tx = tx;
            this.start = range.start();
            this.end = range.end();
            this.wanted = spec.fetch() < 0 ? Long.MAX_VALUE : spec.offset() + spec.fetch();
        }

        @Override
        public boolean hasNext() {
            if (page.isEmpty() && !exhausted) {
                fill();
            }
            return !page.isEmpty();
        }

        @Override
        public Object[] next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            KvEntry entry = page.poll();
            if (!spec.path().usesIndex()) {
                return codec.decode(entry.value());
            }
            byte[] rowKey = TableKeys.rowKeyOfIndexEntry(table, spec.path().index(), entry.key(), entry.value());
            byte[] row = tx.get(rowKey).orElseThrow(() -> new IllegalStateException(
                    "index " + spec.path().index().name() + " of " + table.name() + " points to a missing row"));
            return codec.decode(row);
        }

        private void fill() {
            int limit = (int) Math.min(PAGE, wanted);
            List<KvEntry> entries = tx.scan(start, end, limit, spec.reverse());
            page.addAll(entries);
            wanted -= entries.size();
            if (entries.size() < limit || wanted <= 0) {
                exhausted = true;
                return;
            }
            byte[] last = entries.get(entries.size() - 1).key();
            if (spec.reverse()) {
                end = last;
            } else {
                start = ByteKeys.keySuccessor(last);
            }
        }
    }
}
