package io.synod.crypto.key;

/** The rule for node ids, shared by keys, key files and certificates: positive 64-bit numbers. */
public final class NodeIds {

    private NodeIds() {
    }

    /**
     * Returns {@code nodeId} if it is valid.
     *
     * @throws IllegalArgumentException if it is zero or negative
     */
    public static long check(long nodeId) {
        if (nodeId <= 0) {
            throw new IllegalArgumentException("node ids are positive numbers, not " + nodeId);
        }
        return nodeId;
    }
}
