package io.synod.kv.consensus.support;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The leader's ReadIndex requests: those waiting for the leader's first commit in its term, and
 * those waiting for a heartbeat round to be acknowledged by a quorum. Released in FIFO order.
 */
public final class ReadIndexQueue {

    /** A read asked by {@code requester} (this node or a follower) under the requester's id. */
    public record Request(long requester, long readId) {
    }

    public record Pending(Request request, long index, long round) {
    }

    private final ArrayDeque<Request> awaitingCommit = new ArrayDeque<>();
    private final ArrayDeque<Pending> awaitingQuorum = new ArrayDeque<>();

    public void awaitCommit(Request request) {
        awaitingCommit.addLast(request);
    }

    public List<Request> drainAwaitingCommit() {
        List<Request> out = new ArrayList<>(awaitingCommit);
        awaitingCommit.clear();
        return out;
    }

    public void awaitQuorum(Request request, long index, long round) {
        if (!awaitingQuorum.isEmpty() && awaitingQuorum.peekLast().round() > round) {
            throw new IllegalStateException("read rounds must not decrease: " + round + " after "
                    + awaitingQuorum.peekLast().round());
        }
        awaitingQuorum.addLast(new Pending(request, index, round));
    }

    /** Removes and returns the reads confirmed by a quorum acknowledging {@code confirmedRound}. */
    public List<Pending> releaseUpTo(long confirmedRound) {
        List<Pending> out = new ArrayList<>();
        while (!awaitingQuorum.isEmpty() && awaitingQuorum.peekFirst().round() <= confirmedRound) {
            out.add(awaitingQuorum.removeFirst());
        }
        return out;
    }

    public void clear() {
        awaitingCommit.clear();
        awaitingQuorum.clear();
    }
}
