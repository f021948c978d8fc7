package io.synod.sql.txn;

import io.synod.sql.kv.SqlKv;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Hands out increasing values of one sequence (first value 1). Values are reserved in blocks,
 * each by its own small committed transaction on the sequence key, so transactions that take a
 * value never read or write that key and do not conflict on it. Values are unique across all
 * allocators of the store but not dense: a block unused when the process stops leaves a gap,
 * and allocators in different processes interleave blocks. Thread-safe.
 */
public final class SequenceAllocator {

    /** How often a block reservation is retried when other reservations keep winning. */
    private static final int MAX_ATTEMPTS = 100;

    private final SqlKv kv;
    private final byte[] key;
    private final int blockSize;
    private long next;
    private long limit;

    public SequenceAllocator(SqlKv kv, byte[] key, int blockSize) {
        this.kv = Objects.requireNonNull(kv, "kv");
        this.key = key.clone();
        if (blockSize < 1) {
            throw new IllegalArgumentException("block size must be positive: " + blockSize);
        }
        this.blockSize = blockSize;
    }

    /** The next value. Takes a store round trip once per block. */
    public synchronized long next() {
        if (next == limit) {
            reserveBlock();
        }
        return next++;
    }

    private void reserveBlock() {
        TransactionConflictException last = null;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Transaction tx = new Transaction(kv);
            long first = tx.get(key).map(SequenceAllocator::decode).orElse(1L);
            long end = Math.addExact(first, blockSize);
            tx.put(key, encode(end));
            try {
                tx.commit();
                next = first;
                limit = end;
                return;
            } catch (TransactionConflictException e) {
                last = e;
                Thread.onSpinWait();
            }
        }
        throw last;
    }

    private static byte[] encode(long value) {
        return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }

    private static long decode(byte[] value) {
        if (value.length != Long.BYTES) {
            throw new IllegalStateException("corrupt sequence value of " + value.length + " bytes");
        }
        return ByteBuffer.wrap(value).getLong();
    }
}
