package io.synod.kv.statemachine.store;

import com.google.protobuf.ByteString;
import io.synod.proto.kv.KeyValue;
import io.synod.proto.kv.KvSession;

import java.io.InputStream;
import java.util.List;

/**
 * Where the KV state machine keeps its state: records ordered unsigned lexicographically by key,
 * each with its revisions ({@link KeyValue}), the client session table ({@link KvSession} by
 * client id) and the applied index. Every change arrives as one {@link WriteBatch} that also
 * carries the new applied index, and is committed atomically, so after a crash the data, the
 * sessions and the applied index always belong to the same log index.
 *
 * <p>Threads: one writer (the replica's loop thread) calls every method except
 * {@link SnapshotReader}'s, which may be used from another thread while writes continue.
 */
public interface StateStore extends AutoCloseable {

    /** The record for {@code key}, or null if the key is absent. */
    KeyValue get(ByteString key);

    /**
     * Records with {@code start <= key < end} ({@code end} empty = no upper bound) in ascending
     * key order, or descending if {@code reverse}, at most {@code limit} of them
     * ({@code limit <= 0} = no limit). A descending scan starts at the largest key below
     * {@code end}.
     */
    List<KeyValue> scan(ByteString start, ByteString end, long limit, boolean reverse);

    /**
     * The number of records with {@code start <= key < end} ({@code end} empty = no upper bound)
     * and their highest {@code mod_revision}. Walks only that range (an index range, never the
     * whole store) and reads no values.
     */
    RangeSummary summarize(ByteString start, ByteString end);

    /** The index of the last committed batch or restored snapshot; 0 for a new store. */
    long appliedIndex();

    /** The client sessions, least recently applied first (ascending {@code applied_index}). */
    List<KvSession> sessions();

    /**
     * Applies every change of the batch and sets the applied index to the batch's, all or
     * nothing. The batch's index must be greater than {@link #appliedIndex()}.
     */
    void commit(WriteBatch batch);

    /**
     * A consistent view of the whole state at the current applied index; later commits do not
     * show in it. Close it when done: a durable store keeps the view's pages until then.
     */
    SnapshotReader openSnapshot();

    /**
     * Replaces the whole state with an encoded {@code KvSnapshot} read from {@code snapshot},
     * which must have been taken at {@code index}. Atomic: on a malformed snapshot or a different
     * index an {@link IllegalArgumentException} is thrown and nothing changes.
     */
    void restoreFrom(long index, InputStream snapshot);

    /**
     * A hash of the applied index, every record and every session. Equal for equal state in
     * every store kind, and maintained incrementally, so it costs O(1).
     */
    long digest();

    /** Makes every committed batch durable (a no-op for the memory store). */
    void sync();

    /** Syncs and releases the store; open snapshot readers must be closed first. */
    @Override
    void close();
}
