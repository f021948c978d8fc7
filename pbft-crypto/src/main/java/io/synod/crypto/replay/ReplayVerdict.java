package io.synod.crypto.replay;

/** What a {@link ReplayGuard} says about one client request. */
public enum ReplayVerdict {
    /** New: not seen before and inside the client's window. */
    ACCEPTED,
    /** Seen before: a retransmission or a replay. */
    DUPLICATE,
    /** Older than the client's window, so it cannot be told apart from a replay. */
    TOO_OLD,
    /**
     * From a client the guard does not track (new, or forgotten to bound memory) with a sequence at
     * or below the eviction floor: it could be a replay of a forgotten client's request. The
     * client recovers by moving its sequence above {@link ReplayGuard#evictionFloor()}.
     */
    BELOW_EVICTION_FLOOR;

    public boolean accepted() {
        return this == ACCEPTED;
    }
}
