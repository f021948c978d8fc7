package io.synod.kv.consensus.pbft;

/** Deliberate protocol bugs, only for showing that the simulator's checkers catch them. */
public enum PbftDefect {
    NONE,
    /** Prepare, commit and view-change quorums of f+1 instead of 2f+1: two quorums need not share a correct replica. */
    WEAK_QUORUM,
    /** Accepts messages without checking their signatures: a faulty replica can speak for others. */
    SKIP_SIGNATURE_CHECK
}
