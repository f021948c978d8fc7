package io.synod.sql.txn;

import io.synod.sql.encoding.KeySpace;
import io.synod.sql.kv.SqlKv;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The store's sequences, one allocator each, shared by everything in a process that uses the
 * same {@link SqlKv}: table ids and per-table hidden row ids. Thread-safe.
 */
public final class Sequences {

    /** Row ids are reserved this many at a time: inserts rarely touch the sequence key. */
    static final int ROW_ID_BLOCK = 1024;

    private final SqlKv kv;
    private final SequenceAllocator objectIds;
    private final Map<Integer, SequenceAllocator> rowIds = new ConcurrentHashMap<>();

    public Sequences(SqlKv kv) {
        this.kv = kv;
        this.objectIds = new SequenceAllocator(kv, KeySpace.sequenceKey("object_id"), 1);
    }

    /** A new table id (1 and up, never reused). */
    public int nextTableId() {
        return nextObjectId();
    }

    /**
     * A new secondary index id: drawn from the table id sequence, so an index id is never
     * reused either (a dropped index's entries may linger until purged).
     */
    public int nextIndexId() {
        return nextObjectId();
    }

    private int nextObjectId() {
        long id = objectIds.next();
        if (id > Integer.MAX_VALUE) {
            throw new IllegalStateException("table and index ids exhausted");
        }
        return (int) id;
    }

    /** A new hidden row id for a row of table {@code tableId} (1 and up, unique in the table). */
    public long nextRowId(int tableId) {
        return rowIds.computeIfAbsent(tableId, id -> new SequenceAllocator(kv,
                KeySpace.sequenceKey("row_id/" + Integer.toUnsignedString(id)), ROW_ID_BLOCK)).next();
    }
}
