package io.synod.kv.statemachine.store;

import com.google.protobuf.ByteString;
import io.synod.proto.kv.KeyValue;
import io.synod.proto.kv.KvSession;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A {@link StateStore} on the heap: nothing survives the process. Opening a snapshot copies the
 * state (O(n) on the caller's thread), so later commits cannot show in it.
 */
public final class MemoryStateStore implements StateStore {

    private NavigableMap<ByteString, KeyValue> records = newRecordMap();
    private TreeMap<Long, KvSession> sessions = new TreeMap<>();
    private HashSums sums = new HashSums(0, 0);
    private long appliedIndex;

    @Override
    public KeyValue get(ByteString key) {
        return records.get(key);
    }

    @Override
    public List<KeyValue> scan(ByteString start, ByteString end, long limit, boolean reverse) {
        List<KeyValue> out = new ArrayList<>();
        if (!end.isEmpty() && ByteString.unsignedLexicographicalComparator().compare(start, end) >= 0) {
            return out;
        }
        NavigableMap<ByteString, KeyValue> range = end.isEmpty()
                ? records.tailMap(start, true) : records.subMap(start, true, end, false);
        for (KeyValue kv : (reverse ? range.descendingMap() : range).values()) {
            if (limit > 0 && out.size() >= limit) {
                break;
            }
            out.add(kv);
        }
        return out;
    }

    @Override
    public RangeSummary summarize(ByteString start, ByteString end) {
        if (!end.isEmpty() && ByteString.unsignedLexicographicalComparator().compare(start, end) >= 0) {
            return RangeSummary.EMPTY;
        }
        NavigableMap<ByteString, KeyValue> range = end.isEmpty()
                ? records.tailMap(start, true) : records.subMap(start, true, end, false);
        long maxModRevision = 0;
        for (KeyValue kv : range.values()) {
            maxModRevision = Math.max(maxModRevision, kv.getModRevision());
        }
        return new RangeSummary(range.size(), maxModRevision);
    }

    @Override
    public long appliedIndex() {
        return appliedIndex;
    }

    @Override
    public List<KvSession> sessions() {
        return StoreRules.inApplyOrder(sessions.values());
    }

    @Override
    public void commit(WriteBatch batch) {
        StoreRules.checkAfter(appliedIndex, batch);
        for (Map.Entry<ByteString, Optional<KeyValue>> change : batch.records().entrySet()) {
            KeyValue after = change.getValue().orElse(null);
            KeyValue before = after == null ? records.remove(change.getKey()) : records.put(change.getKey(), after);
            sums.replaceRecord(before, after);
        }
        for (Map.Entry<Long, Optional<KvSession>> change : batch.sessions().entrySet()) {
            KvSession after = change.getValue().orElse(null);
            KvSession before = after == null ? sessions.remove(change.getKey()) : sessions.put(change.getKey(), after);
            sums.replaceSession(before, after);
        }
        appliedIndex = batch.appliedIndex();
    }

    @Override
    public SnapshotReader openSnapshot() {
        List<KeyValue> recordCopy = new ArrayList<>(records.values());
        List<KvSession> sessionCopy = sessions();
        long index = appliedIndex;
        return new SnapshotReader() {
            @Override
            public long appliedIndex() {
                return index;
            }

            @Override
            public void forEachRecord(Consumer<KeyValue> action) {
                recordCopy.forEach(action);
            }

            @Override
            public List<KvSession> sessions() {
                return sessionCopy;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void restoreFrom(long index, InputStream snapshot) {
        NavigableMap<ByteString, KeyValue> newRecords = newRecordMap();
        TreeMap<Long, KvSession> newSessions = new TreeMap<>();
        HashSums newSums = new HashSums(0, 0);
        long read = SnapshotCodec.read(snapshot, new SnapshotCodec.Sink() {
            @Override
            public void record(KeyValue record) {
                newRecords.put(record.getKey(), record);
                newSums.replaceRecord(null, record);
            }

            @Override
            public void session(KvSession session) {
                newSessions.put(session.getClientId(), session);
                newSums.replaceSession(null, session);
            }
        });
        SnapshotCodec.checkIndex(index, read);
        records = newRecords;
        sessions = newSessions;
        sums = newSums;
        appliedIndex = index;
    }

    @Override
    public long digest() {
        return sums.digest(appliedIndex);
    }

    @Override
    public void sync() {
    }

    @Override
    public void close() {
    }

    private static NavigableMap<ByteString, KeyValue> newRecordMap() {
        return new TreeMap<>(ByteString.unsignedLexicographicalComparator());
    }
}
