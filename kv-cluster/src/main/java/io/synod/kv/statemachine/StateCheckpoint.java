package io.synod.kv.statemachine;

/**
 * A point-in-time view of a {@link ReplicatedStateMachine}'s state that can be serialized on
 * another thread while the machine keeps applying commands. Close it when done: a durable store
 * keeps the view's pages until then.
 */
public interface StateCheckpoint extends AutoCloseable {

    /** The applied index the view belongs to. */
    long index();

    /** The view serialized as {@link ReplicatedStateMachine#snapshot()} would have at {@link #index()}. */
    byte[] toBytes();

    @Override
    void close();

    /** A checkpoint already serialized. */
    static StateCheckpoint of(long index, byte[] data) {
        return new StateCheckpoint() {
            @Override
            public long index() {
                return index;
            }

            @Override
            public byte[] toBytes() {
                return data;
            }

            @Override
            public void close() {
            }
        };
    }
}
