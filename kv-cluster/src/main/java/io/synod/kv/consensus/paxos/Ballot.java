package io.synod.kv.consensus.paxos;

/**
 * Ballot numbers as one {@code long}: a round in the high bits and the proposer's node id in the
 * low {@value #NODE_BITS} bits, so ballots of different proposers never tie and compare as plain
 * numbers. The ballot is what {@link io.synod.kv.consensus.api.EngineMessage#term()},
 * {@link io.synod.kv.consensus.api.HardState#term()} and an accepted entry's term hold.
 */
public final class Ballot {

    /** Node ids must fit in this many bits to take part in Multi-Paxos. */
    public static final int NODE_BITS = 16;
    public static final long MAX_NODE_ID = (1L << NODE_BITS) - 1;

    private Ballot() {
    }

    public static long of(long round, long nodeId) {
        if (round < 0 || nodeId <= 0 || nodeId > MAX_NODE_ID) {
            throw new IllegalArgumentException("bad ballot (round " + round + ", node " + nodeId + ")");
        }
        return (round << NODE_BITS) | nodeId;
    }

    public static long round(long ballot) {
        return ballot >>> NODE_BITS;
    }

    public static long node(long ballot) {
        return ballot & MAX_NODE_ID;
    }

    /** The smallest ballot of {@code nodeId} above {@code atLeast}. */
    public static long above(long atLeast, long nodeId) {
        return of(round(atLeast) + 1, nodeId);
    }

    public static String format(long ballot) {
        return round(ballot) + "." + node(ballot);
    }
}
