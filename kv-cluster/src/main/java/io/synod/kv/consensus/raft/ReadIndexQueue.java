package io.synod.kv.consensus.raft;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The leader's ReadIndex requests: those waiting for the leader's first commit in its term, and
 * those waiting for a heartbeat round to be acknowledged by a quorum. Released in FIFO order.
 */
final class ReadIndexQueue {

    /** A read asked by {@code requester} (this node or a follower) under the requester's id. */
    record Request(long requester, long readId) {
    }

    record Pending(Request request, long index, long round) {
    }

    private final ArrayDeque<Request> awaitingCommit = new ArrayDeque<>();
    private final ArrayDeque<Pending> awaitingQuorum = new ArrayDeque<>();

    void awaitCommit(Request request) {
        awaitingCommit.addLast(request);
    }

    List<Request> drainAwaitingCommit() {
        List<Request> out = new ArrayList<>(awaitingCommit);
        awaitingCommit.clear();
        return out;
    }

    void awaitQuorum(Request request, long index, long round) {
        Invariants.check(awaitingQuorum.isEmpty() || awaitingQuorum.peekLast().round() <= round,
                "read rounds increase");
        awaitingQuorum.addLast(new Pending(request, index, round));
    }

    /** Removes and returns the reads confirmed by a quorum acknowledging {@code confirmedRound}. */
    List<Pending> releaseUpTo(long confirmedRound) {
        List<Pending> out = new ArrayList<>();
        while (!awaitingQuorum.isEmpty() && awaitingQuorum.peekFirst().round() <= confirmedRound) {
            out.add(awaitingQuorum.removeFirst());
        }
        return out;
    }

    void clear() {
        awaitingCommit.clear();
        awaitingQuorum.clear();
    }
}
