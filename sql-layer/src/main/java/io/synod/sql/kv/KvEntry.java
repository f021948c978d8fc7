package io.synod.sql.kv;

import java.util.Objects;

/**
 * A key and its value as read; {@code modRevision} is the revision of the write that last set
 * it ({@code 0} for a transaction's own buffered, uncommitted write). Arrays are shared, not
 * copied: do not modify them.
 */
public record KvEntry(byte[] key, byte[] value, long modRevision) {

    public KvEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
