package io.synod.kv.consensus.raft;

import io.synod.kv.consensus.support.SnapshotTransfer;

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
            next = Math.max(match + 1, snapshot.meta().index() + 1);
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
     *
     * <p>A rejection at or above {@code match} whose hint lies below it says the follower no
     * longer holds entries it acknowledged: its storage was found damaged and wiped. Then the
     * match is forgotten and probing restarts from the hint, so the follower is caught up (by log
     * or snapshot) by this leader instead of waiting for the next one. A late rejection from
     * before the follower caught up looks the same; forgetting its match then only costs a
     * resend, since a lower match never un-commits anything.
     */
    boolean maybeDecrease(long rejectedIndex, long probeFrom) {
        boolean current = state == State.REPLICATE || next - 1 == rejectedIndex;
        if (current && probeFrom < match && rejectedIndex >= match) {
            forgetMatch(Math.min(rejectedIndex - 1, probeFrom));
            return true;
        }
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

    /**
     * The follower answered a heartbeat saying its log ends at {@code followerLastIndex}: if that
     * is below its match it lost acknowledged entries (see {@link #maybeDecrease}), and probing
     * restarts from there. Returns whether it did.
     */
    boolean lostEntriesAfter(long followerLastIndex) {
        if (followerLastIndex >= match) {
            return false;
        }
        forgetMatch(followerLastIndex);
        return true;
    }

    /** Nothing is known to match any more; the next probe goes out after {@code probeFrom}. */
    private void forgetMatch(long probeFrom) {
        match = 0;
        next = Math.max(1, probeFrom + 1);
        resetState(State.PROBE);
    }

    boolean paused() {
        return switch (state) {
            case PROBE -> probeSent;
            case REPLICATE -> inflights.full();
            case SNAPSHOT -> true;
        };
    }
}
