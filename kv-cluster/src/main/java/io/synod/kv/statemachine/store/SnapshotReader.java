package io.synod.kv.statemachine.store;

import io.synod.proto.kv.KeyValue;
import io.synod.proto.kv.KvSession;

import java.util.List;
import java.util.function.Consumer;

/**
 * The whole state of a {@link StateStore} at one applied index, readable while the store keeps
 * committing. Usable from any one thread; not thread-safe itself.
 */
public interface SnapshotReader extends AutoCloseable {

    /** The applied index this view belongs to. */
    long appliedIndex();

    /** Calls {@code action} for every record in ascending unsigned key order. */
    void forEachRecord(Consumer<KeyValue> action);

    /** The sessions of this view, least recently applied first. */
    List<KvSession> sessions();

    @Override
    void close();
}
