package io.synod.kv.statemachine.store;

import io.synod.kv.storage.CorruptionException;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import io.synod.proto.kv.KeyValue;
import io.synod.proto.kv.KvSession;
import io.synod.kv.storage.lmdb.LmdbEnvironment;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.GetOp;
import org.lmdbjava.PutFlags;
import org.lmdbjava.Txn;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A {@link StateStore} in its own LMDB environment (one directory per replica of a group), with
 * named databases {@value #RECORDS_DB} (see {@link LmdbRecordLayout}), {@value #SESSIONS_DB}
 * (key: big-endian client id, value: encoded {@link KvSession}) and {@value #META_DB} (applied
 * index and the digest's hash sums, written in the same transaction as the data).
 *
 * <p>Own environment rather than named databases in the log store's: a snapshot reader holds
 * one read transaction for as long as a follower takes to receive the snapshot, and LMDB cannot
 * reuse any page freed after the oldest live reader began, across the whole environment. In a
 * shared environment a slow snapshot transfer would grow the log's file too; apart, only the
 * state file grows. It also gives each store its own map size and lets a replica's state be
 * wiped or replaced without touching its log.
 *
 * <p>Durability: like the log store the environment runs with {@code MDB_NOSYNC}; a process
 * crash loses nothing committed, and {@link #sync()} makes everything durable against power
 * loss with one fsync. {@code MDB_NOTLS} lets a snapshot reader live on another thread and
 * coexist with the writer's short read transactions.
 */
public final class LmdbStateStore implements StateStore {

    static final String RECORDS_DB = "records";
    static final String SESSIONS_DB = "sessions";
    static final String META_DB = "meta";
    private static final byte[] APPLIED_INDEX = ascii("applied-index");
    private static final byte[] RECORD_HASH_SUM = ascii("record-hash-sum");
    private static final byte[] SESSION_HASH_SUM = ascii("session-hash-sum");
    public static final long DEFAULT_MAP_SIZE_BYTES = 1L << 30;

    private final LmdbEnvironment env;
    private final Dbi<byte[]> records;
    private final Dbi<byte[]> sessions;
    private final Dbi<byte[]> meta;
    // Copies of the meta database, owned by the writer thread.
    private long appliedIndex;
    private HashSums sums;

    private LmdbStateStore(LmdbEnvironment env) {
        this.env = env;
        this.records = env.openDbi(RECORDS_DB);
        this.sessions = env.openDbi(SESSIONS_DB);
        this.meta = env.openDbi(META_DB);
        try (Txn<byte[]> txn = env.txnRead()) {
            this.appliedIndex = metaLong(txn, APPLIED_INDEX);
            this.sums = new HashSums(metaLong(txn, RECORD_HASH_SUM), metaLong(txn, SESSION_HASH_SUM));
        }
    }

    /** Opens the store in {@code dir}, creating an empty one (applied index 0) if there is none. */
    public static LmdbStateStore open(Path dir, long mapSizeBytes) {
        LmdbEnvironment env = LmdbEnvironment.open(dir, mapSizeBytes, 3, "state store",
                (operation, full) -> new StateStoreException("state store in " + dir + " is full (map size "
                        + mapSizeBytes + " bytes) during " + operation, full));
        try {
            if (env.maxKeySize() < LmdbRecordLayout.LMDB_KEY_BYTES_NEEDED) {
                throw new IllegalStateException("LMDB build allows keys of " + env.maxKeySize()
                        + " bytes; the record layout needs " + LmdbRecordLayout.LMDB_KEY_BYTES_NEEDED);
            }
            return new LmdbStateStore(env);
        } catch (RuntimeException e) {
            env.close();
            throw e;
        }
    }

    @Override
    public KeyValue get(ByteString key) {
        if (key.isEmpty()) {
            return null;
        }
        byte[] lmdbKey = LmdbRecordLayout.lmdbKey(key);
        return env.read(txn -> {
            byte[] value = records.get(txn, lmdbKey);
            return value == null ? null : find(LmdbRecordLayout.decode(lmdbKey, value), key);
        });
    }

    @Override
    public List<KeyValue> scan(ByteString start, ByteString end, long limit, boolean reverse) {
        List<KeyValue> out = new ArrayList<>();
        Predicate<ByteString> beforeStart = k -> compare(k, start) < 0;
        Predicate<ByteString> atOrAfterEnd = k -> !end.isEmpty() && compare(k, end) >= 0;
        if (!end.isEmpty() && compare(start, end) >= 0) {
            return out;
        }
        try (Txn<byte[]> txn = env.txnRead(); Cursor<byte[]> c = records.openCursor(txn)) {
            // Seek to the LMDB entry of the near bound; its bucket may hold keys on either side.
            boolean positioned;
            if (reverse) {
                positioned = end.isEmpty() ? c.last() : c.get(LmdbRecordLayout.lmdbKey(end), GetOp.MDB_SET_RANGE) || c.last();
            } else {
                // LMDB rejects an empty key, and the empty start is the first key anyway.
                positioned = start.isEmpty() ? c.first() : c.get(LmdbRecordLayout.lmdbKey(start), GetOp.MDB_SET_RANGE);
            }
            Predicate<ByteString> skip = reverse ? atOrAfterEnd : beforeStart;
            Predicate<ByteString> stop = reverse ? beforeStart : atOrAfterEnd;
            while (positioned) {
                List<KeyValue> entry = LmdbRecordLayout.decode(c.key(), c.val());
                for (int i = 0; i < entry.size(); i++) {
                    KeyValue kv = entry.get(reverse ? entry.size() - 1 - i : i);
                    if (skip.test(kv.getKey())) {
                        continue;
                    }
                    if (stop.test(kv.getKey()) || limit > 0 && out.size() >= limit) {
                        return out;
                    }
                    out.add(kv);
                }
                positioned = reverse ? c.prev() : c.next();
            }
        }
        return out;
    }

    /**
     * A cursor walk over the range. Direct entries are their own key, so only their
     * {@code mod_revision} is decoded; a bucket of long keys is decoded whole, as it may hold
     * keys on both sides of a bound.
     */
    @Override
    public RangeSummary summarize(ByteString start, ByteString end) {
        if (!end.isEmpty() && compare(start, end) >= 0) {
            return RangeSummary.EMPTY;
        }
        long count = 0;
        long maxModRevision = 0;
        try (Txn<byte[]> txn = env.txnRead(); Cursor<byte[]> c = records.openCursor(txn)) {
            boolean positioned = start.isEmpty() ? c.first() : c.get(LmdbRecordLayout.lmdbKey(start), GetOp.MDB_SET_RANGE);
            for (; positioned; positioned = c.next()) {
                byte[] lmdbKey = c.key();
                if (!LmdbRecordLayout.isBucket(lmdbKey)) {
                    ByteString key = UnsafeByteOperations.unsafeWrap(lmdbKey);
                    if (!end.isEmpty() && compare(key, end) >= 0) {
                        break;
                    }
                    // A direct entry at or after the seek position is at or after start.
                    count++;
                    maxModRevision = Math.max(maxModRevision, LmdbRecordLayout.directModRevision(c.val()));
                    continue;
                }
                for (KeyValue kv : LmdbRecordLayout.decode(lmdbKey, c.val())) {
                    if (!end.isEmpty() && compare(kv.getKey(), end) >= 0) {
                        return new RangeSummary(count, maxModRevision);
                    }
                    if (compare(kv.getKey(), start) >= 0) {
                        count++;
                        maxModRevision = Math.max(maxModRevision, kv.getModRevision());
                    }
                }
            }
        }
        return new RangeSummary(count, maxModRevision);
    }

    @Override
    public long appliedIndex() {
        return appliedIndex;
    }

    @Override
    public List<KvSession> sessions() {
        return env.read(this::sessions);
    }

    @Override
    public void commit(WriteBatch batch) {
        StoreRules.checkAfter(appliedIndex, batch);
        HashSums next = new HashSums(sums.records, sums.sessions);
        env.write("commit at " + batch.appliedIndex(), txn -> {
            for (Map.Entry<ByteString, Optional<KeyValue>> change : batch.records().entrySet()) {
                writeRecord(txn, change.getKey(), change.getValue().orElse(null), next);
            }
            for (Map.Entry<Long, Optional<KvSession>> change : batch.sessions().entrySet()) {
                byte[] key = longBytes(change.getKey());
                KvSession before = parseSession(sessions.get(txn, key));
                KvSession after = change.getValue().orElse(null);
                if (after != null) {
                    sessions.put(txn, key, after.toByteArray());
                } else if (before != null) {
                    sessions.delete(txn, key);
                }
                next.replaceSession(before, after);
            }
            putMeta(txn, batch.appliedIndex(), next);
        });
        appliedIndex = batch.appliedIndex();
        sums = next;
    }

    private void writeRecord(Txn<byte[]> txn, ByteString key, KeyValue after, HashSums next) {
        byte[] lmdbKey = LmdbRecordLayout.lmdbKey(key);
        byte[] stored = records.get(txn, lmdbKey);
        if (!LmdbRecordLayout.isBucket(lmdbKey)) {
            KeyValue before = stored == null ? null : LmdbRecordLayout.decode(lmdbKey, stored).get(0);
            if (after != null) {
                records.put(txn, lmdbKey, LmdbRecordLayout.encodeDirect(after));
            } else if (before != null) {
                records.delete(txn, lmdbKey);
            }
            next.replaceRecord(before, after);
            return;
        }
        List<KeyValue> bucket = stored == null ? new ArrayList<>() : new ArrayList<>(LmdbRecordLayout.decode(lmdbKey, stored));
        int at = 0;
        while (at < bucket.size() && compare(bucket.get(at).getKey(), key) < 0) {
            at++;
        }
        KeyValue before = at < bucket.size() && bucket.get(at).getKey().equals(key) ? bucket.get(at) : null;
        if (before != null) {
            bucket.remove(at);
        }
        if (after != null) {
            bucket.add(at, after);
        }
        if (bucket.isEmpty()) {
            if (stored != null) {
                records.delete(txn, lmdbKey);
            }
        } else {
            records.put(txn, lmdbKey, LmdbRecordLayout.encodeBucket(bucket));
        }
        next.replaceRecord(before, after);
    }

    @Override
    public SnapshotReader openSnapshot() {
        Txn<byte[]> txn = env.txnRead();
        long index = metaLong(txn, APPLIED_INDEX);
        return new SnapshotReader() {
            @Override
            public long appliedIndex() {
                return index;
            }

            @Override
            public void forEachRecord(Consumer<KeyValue> action) {
                try (Cursor<byte[]> c = records.openCursor(txn)) {
                    for (boolean more = c.first(); more; more = c.next()) {
                        LmdbRecordLayout.decode(c.key(), c.val()).forEach(action);
                    }
                }
            }

            @Override
            public List<KvSession> sessions() {
                return LmdbStateStore.this.sessions(txn);
            }

            @Override
            public void close() {
                txn.close();
            }
        };
    }

    @Override
    public void restoreFrom(long index, InputStream snapshot) {
        HashSums next = new HashSums(0, 0);
        env.write("restore at " + index, txn -> {
            records.drop(txn);
            sessions.drop(txn);
            BucketingWriter writer = new BucketingWriter(txn);
            long read = SnapshotCodec.read(snapshot, new SnapshotCodec.Sink() {
                @Override
                public void record(KeyValue record) {
                    writer.add(record);
                    next.replaceRecord(null, record);
                }

                @Override
                public void session(KvSession session) {
                    sessions.put(txn, longBytes(session.getClientId()), session.toByteArray());
                    next.replaceSession(null, session);
                }
            });
            writer.flush();
            SnapshotCodec.checkIndex(index, read);
            putMeta(txn, index, next);
        });
        appliedIndex = index;
        sums = next;
    }

    /** Appends records arriving in key order, gathering long keys that share a bucket. */
    private final class BucketingWriter {
        private final Txn<byte[]> txn;
        private byte[] bucketKey;
        private final List<KeyValue> bucket = new ArrayList<>();

        BucketingWriter(Txn<byte[]> txn) {
            this.txn = txn;
        }

        void add(KeyValue record) {
            byte[] lmdbKey = LmdbRecordLayout.lmdbKey(record.getKey());
            if (bucketKey != null && !Arrays.equals(bucketKey, lmdbKey)) {
                flush();
            }
            if (LmdbRecordLayout.isBucket(lmdbKey)) {
                bucketKey = lmdbKey;
                bucket.add(record);
            } else {
                records.put(txn, lmdbKey, LmdbRecordLayout.encodeDirect(record), PutFlags.MDB_APPEND);
            }
        }

        void flush() {
            if (bucketKey != null) {
                records.put(txn, bucketKey, LmdbRecordLayout.encodeBucket(bucket), PutFlags.MDB_APPEND);
                bucketKey = null;
                bucket.clear();
            }
        }
    }

    @Override
    public long digest() {
        return sums.digest(appliedIndex);
    }

    @Override
    public void sync() {
        env.sync();
    }

    @Override
    public void close() {
        env.close();
    }

    private List<KvSession> sessions(Txn<byte[]> txn) {
        List<KvSession> out = new ArrayList<>();
        try (Cursor<byte[]> c = sessions.openCursor(txn)) {
            for (boolean more = c.first(); more; more = c.next()) {
                out.add(parseSession(c.val()));
            }
        }
        return StoreRules.inApplyOrder(out);
    }

    private void putMeta(Txn<byte[]> txn, long index, HashSums s) {
        meta.put(txn, APPLIED_INDEX, longBytes(index));
        meta.put(txn, RECORD_HASH_SUM, longBytes(s.records));
        meta.put(txn, SESSION_HASH_SUM, longBytes(s.sessions));
    }

    private long metaLong(Txn<byte[]> txn, byte[] key) {
        byte[] value = meta.get(txn, key);
        return value == null ? 0 : ByteBuffer.wrap(value).getLong();
    }

    private static KeyValue find(List<KeyValue> entry, ByteString key) {
        for (KeyValue kv : entry) {
            if (kv.getKey().equals(key)) {
                return kv;
            }
        }
        return null;
    }

    private static KvSession parseSession(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            return KvSession.parseFrom(value);
        } catch (InvalidProtocolBufferException e) {
            throw new CorruptionException("damaged session record in the state store", e);
        }
    }

    private static int compare(ByteString a, ByteString b) {
        return ByteString.unsignedLexicographicalComparator().compare(a, b);
    }

    private static byte[] longBytes(long n) {
        return ByteBuffer.allocate(Long.BYTES).putLong(n).array();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
