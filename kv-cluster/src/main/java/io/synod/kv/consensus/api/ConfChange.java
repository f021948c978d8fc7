package io.synod.kv.consensus.api;

import java.nio.ByteBuffer;
import java.util.Objects;

/** A single-server membership change, carried as the data of a CONF_CHANGE entry. */
public record ConfChange(Type type, long nodeId) {

    public enum Type { ADD_VOTER, REMOVE_NODE, ADD_LEARNER, PROMOTE_LEARNER }

    public ConfChange {
        Objects.requireNonNull(type, "type");
        if (nodeId <= 0) {
            throw new IllegalArgumentException("node id must be positive: " + nodeId);
        }
    }

    public byte[] encode() {
        return ByteBuffer.allocate(9).put((byte) type.ordinal()).putLong(nodeId).array();
    }

    public static ConfChange decode(byte[] data) {
        if (data.length != 9 || data[0] < 0 || data[0] >= Type.values().length) {
            throw new IllegalArgumentException("malformed conf change (" + data.length + " bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        return new ConfChange(Type.values()[b.get()], b.getLong());
    }
}
