package io.synod.kv.consensus.api;

/**
 * The engine's answer to a proposal, read or transfer request. When accepted, {@code index} and
 * {@code term} say where a proposed entry was placed (0 for reads and transfers); the entry is
 * committed only if an entry with that same index and term is later applied. (Multi-Paxos
 * proposes chosen values again under later ballots: there the same index and data.)
 */
public record ProposeResult(Status status, long leaderHint, long index, long term) {

    public enum Status {
        ACCEPTED,
        /** This replica does not lead; {@code leaderHint} names the leader if known (else 0). */
        NOT_LEADER,
        /** Refused for now (leadership transfer in progress, a conf change pending, flow control). */
        BUSY,
        /** The request itself is invalid (unknown node, empty command, ...). */
        INVALID
    }

    public static ProposeResult accepted(long index, long term) {
        return new ProposeResult(Status.ACCEPTED, 0, index, term);
    }

    public static ProposeResult notLeader(long leaderHint) {
        return new ProposeResult(Status.NOT_LEADER, leaderHint, 0, 0);
    }

    public static ProposeResult busy(long leaderHint) {
        return new ProposeResult(Status.BUSY, leaderHint, 0, 0);
    }

    public static ProposeResult invalid() {
        return new ProposeResult(Status.INVALID, 0, 0, 0);
    }

    public boolean isAccepted() {
        return status == Status.ACCEPTED;
    }
}
