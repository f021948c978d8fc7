package io.synod.kv.consensus.paxos;

import io.synod.kv.consensus.support.SnapshotTransfer;

import java.util.Map;
import java.util.TreeMap;

/**
 * The leader's view of one acceptor: {@code match} is the highest slot up to which the acceptor
 * holds this leader's values (accepted in the current ballot, or committed there already),
 * {@code next} the next slot to send. Acknowledgements may arrive out of order; ranges above
 * {@code match} wait in {@code ackedAbove} until the gap below them closes.
 */
final class AcceptorProgress {

    /** Out-of-order acknowledgements kept at most; retransmission from match fills the rest. */
    private static final int MAX_PENDING_RANGES = 1_024;

    long match;
    long next;
    int inflight;
    /** Ticks without progress while behind; triggers retransmission from {@code match + 1}. */
    int idleTicks;
    /** The first slot of the last gap below an acknowledged range that was sent again at once. */
    long gapResentFrom;
    boolean recentActive;
    long ackedRound;
    /** Set while a snapshot is being sent; accepts pause until it is installed. */
    SnapshotTransfer snapshot;
    private final TreeMap<Long, Long> ackedAbove = new TreeMap<>();

    AcceptorProgress(long match, long next) {
        this.match = match;
        this.next = next;
    }

    /** Slots {@code lo..hi} were accepted; returns whether {@code match} moved. */
    boolean acknowledge(long lo, long hi) {
        if (hi <= match) {
            return false;
        }
        ackedAbove.merge(Math.max(lo, match + 1), hi, Math::max);
        if (ackedAbove.size() > MAX_PENDING_RANGES) {
            ackedAbove.pollLastEntry();
        }
        return absorb();
    }

    /** Everything up to {@code slot} is held (committed there); returns whether {@code match} moved. */
    boolean raiseMatch(long slot) {
        if (slot <= match) {
            return false;
        }
        match = slot;
        absorb();
        return true;
    }

    private boolean absorb() {
        long before = match;
        Map.Entry<Long, Long> first;
        while ((first = ackedAbove.firstEntry()) != null && first.getKey() <= match + 1) {
            match = Math.max(match, first.getValue());
            ackedAbove.pollFirstEntry();
        }
        next = Math.max(next, match + 1);
        return match > before;
    }

    /** Starts sending again from the first slot not known held. */
    void rewind() {
        next = match + 1;
        inflight = 0;
        idleTicks = 0;
    }
}
