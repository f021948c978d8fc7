package io.synod.kv.runtime;

import com.google.protobuf.ByteString;
import io.synod.kv.statemachine.store.MemoryStateStore;
import io.synod.kv.statemachine.store.RangeSummary;
import io.synod.kv.statemachine.store.SnapshotReader;
import io.synod.kv.statemachine.store.StateStore;
import io.synod.kv.statemachine.store.WriteBatch;
import io.synod.proto.kv.KeyValue;
import io.synod.proto.kv.KvSession;

import java.io.InputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A memory state store whose state can be made wrong on purpose: the next batch it commits
 * after {@link #damage} also writes a record no command wrote, the way a bit flip or a bug
 * would leave a state machine silently different from its peers'.
 */
final class DamageableStateStore implements StateStore {

    private final MemoryStateStore store = new MemoryStateStore();
    /** Set by the test thread, taken by the replica's loop thread at its next commit. */
    private final AtomicReference<KeyValue> damage = new AtomicReference<>();

    /** With the next commit, {@code key} silently gets {@code value}. */
    void damage(String key, String value) {
        damage.set(KeyValue.newBuilder().setKey(ByteString.copyFromUtf8(key)).setValue(ByteString.copyFromUtf8(value))
                .setModRevision(1).setCreateRevision(1).setVersion(1).build());
    }

    @Override
    public void commit(WriteBatch batch) {
        KeyValue wrong = damage.getAndSet(null);
        if (wrong != null) {
            batch.put(wrong);
        }
        store.commit(batch);
    }

    @Override
    public KeyValue get(ByteString key) {
        return store.get(key);
    }

    @Override
    public List<KeyValue> scan(ByteString start, ByteString end, long limit, boolean reverse) {
        return store.scan(start, end, limit, reverse);
    }

    @Override
    public RangeSummary summarize(ByteString start, ByteString end) {
        return store.summarize(start, end);
    }

    @Override
    public long appliedIndex() {
        return store.appliedIndex();
    }

    @Override
    public List<KvSession> sessions() {
        return store.sessions();
    }

    @Override
    public SnapshotReader openSnapshot() {
        return store.openSnapshot();
    }

    @Override
    public void restoreFrom(long index, InputStream snapshot) {
        store.restoreFrom(index, snapshot);
    }

    @Override
    public long digest() {
        return store.digest();
    }

    @Override
    public void sync() {
        store.sync();
    }

    @Override
    public void close() {
        store.close();
    }
}
