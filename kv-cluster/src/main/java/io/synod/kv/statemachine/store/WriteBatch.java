package io.synod.kv.statemachine.store;

import com.google.protobuf.ByteString;
import io.synod.proto.kv.KeyValue;
import io.synod.proto.kv.KvSession;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The net changes of one applied log index: records written or deleted, sessions recorded or
 * evicted, and the index itself. A later change to the same key or client replaces an earlier
 * one, and {@link #pendingRecord(ByteString)} lets the writer read its own uncommitted writes.
 * Iteration is in key order so every store applies the changes in the same order.
 */
public final class WriteBatch {

    private final long appliedIndex;
    /** Key -> new record, or empty for a delete. */
    private final NavigableMap<ByteString, Optional<KeyValue>> records =
            new TreeMap<>(ByteString.unsignedLexicographicalComparator());
    /** Client id -> new session, or empty for an eviction. */
    private final NavigableMap<Long, Optional<KvSession>> sessions = new TreeMap<>();

    public WriteBatch(long appliedIndex) {
        if (appliedIndex <= 0) {
            throw new IllegalArgumentException("applied index must be positive: " + appliedIndex);
        }
        this.appliedIndex = appliedIndex;
    }

    public long appliedIndex() {
        return appliedIndex;
    }

    public WriteBatch put(KeyValue record) {
        if (record.getKey().isEmpty()) {
            throw new IllegalArgumentException("record key must not be empty");
        }
        records.put(record.getKey(), Optional.of(record));
        return this;
    }

    public WriteBatch delete(ByteString key) {
        records.put(key, Optional.empty());
        return this;
    }

    public WriteBatch putSession(KvSession session) {
        sessions.put(session.getClientId(), Optional.of(session));
        return this;
    }

    public WriteBatch deleteSession(long clientId) {
        sessions.put(clientId, Optional.empty());
        return this;
    }

    /** Whether this batch writes or deletes {@code key}. */
    public boolean touches(ByteString key) {
        return records.containsKey(key);
    }

    /** The record this batch writes for {@code key}, or null if it deletes or does not touch it. */
    public KeyValue pendingRecord(ByteString key) {
        Optional<KeyValue> change = records.get(key);
        return change == null ? null : change.orElse(null);
    }

    /** Record changes in ascending key order. */
    public Map<ByteString, Optional<KeyValue>> records() {
        return Collections.unmodifiableMap(records);
    }

    /** Session changes in ascending client id order. */
    public Map<Long, Optional<KvSession>> sessions() {
        return Collections.unmodifiableMap(sessions);
    }
}
