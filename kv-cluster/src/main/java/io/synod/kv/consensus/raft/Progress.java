package io.synod.kv.consensus.raft;

/**
 * The leader's view of one peer's log (etcd's tracker.Progress): the highest index known to
 * match, the next index to send, and the flow-control state deciding how to send it.
 */
final class Progress {

    enum State {
        /** Unknown match: send one APPEND and wait for the answer (after a reject or at start). */
        PROBE,
        /** Matching: stream APPENDs optimistically, bounded by the inflight window. */
        REPLICATE,
        /** The follower needs entries the leader no longer has: a snapshot is on its way. */
        SNAPSHOT
    }

    long match;
    long next;
    State state = State.PROBE;
    /** In PROBE: an APPEND was sent and not answered yet (cleared by a heartbeat response). */
    boolean probeSent;
    /** Heard from since the last check-quorum round. */
    boolean recentActive;
    /** Highest heartbeat round this peer acknowledged in the current term (ReadIndex, lease). */
    long ackedRound;
    final Inflights inflights;
    SnapshotTransfer snapshot;

    Progress(long next, int maxInflight) {
        this.next = next;
        this.inflights = new Inflights(maxInflight);
    }

    void becomeProbe() {
        if (state == State.SNAPSHOT && snapshot != null) {
            next = Math.max(match + 1, snapshot.meta.index() + 1);
        } else {
            next = match + 1;
        }
        resetState(State.PROBE);
    }

    void becomeReplicate() {
        next = match + 1;
        resetState(State.REPLICATE);
    }

    void becomeSnapshot(SnapshotTransfer transfer) {
        resetState(State.SNAPSHOT);
        snapshot = transfer;
    }

    private void resetState(State newState) {
        state = newState;
        probeSent = false;
        snapshot = null;
        inflights.reset();
    }

    /** Records that the peer holds entries up to {@code index}; returns whether match advanced. */
    boolean maybeUpdate(long index) {
        boolean updated = false;
        if (match < index) {
            match = index;
            updated = true;
            probeSent = false;
        }
        next = Math.max(next, index + 1);
        return updated;
    }

    /** Records that entries up to {@code lastIndex} were just sent in one APPEND. */
    void sentEntries(long lastIndex, boolean hadEntries) {
        if (state == State.REPLICATE) {
            if (hadEntries) {
                next = lastIndex + 1;
                inflights.add(lastIndex);
            }
        } else if (state == State.PROBE) {
            probeSent = true;
        }
    }

    /**
     * Handles a rejected APPEND for {@code rejectedIndex}; {@code probeFrom} is where the leader's
     * log may match according to the follower's hint. Returns false for a stale rejection.
     */
    boolean maybeDecrease(long rejectedIndex, long probeFrom) {
        if (state == State.REPLICATE) {
            if (rejectedIndex <= match) {
                return false;
            }
            next = match + 1;
            return true;
        }
        if (next - 1 != rejectedIndex) {
            return false;
        }
        next = Math.max(Math.min(rejectedIndex, probeFrom + 1), match + 1);
        probeSent = false;
        return true;
    }

    boolean paused() {
        return switch (state) {
            case PROBE -> probeSent;
            case REPLICATE -> inflights.full();
            case SNAPSHOT -> true;
        };
    }
}
