package io.synod.kv.consensus.paxos;

/**
 * Deliberate protocol bugs, for checker self-tests only: the simulator and its safety and
 * linearizability checkers must catch an engine built with any of these. Never use outside tests.
 */
public enum PaxosDefect {
    /** The correct protocol. */
    NONE,
    /** A proposer with a new ballot leads at once, without phase 1 (no promises, no accepted values). */
    SKIP_PHASE_ONE,
    /** An acceptor accepts proposals of a ballot lower than the one it promised. */
    ACCEPT_LOWER_BALLOT,
    /** Promises and accepts are acknowledged before they are durable. */
    ACK_BEFORE_PERSIST,
    /** A new leader runs phase 1 but fills every open slot with a no-op instead of the highest-ballot value. */
    IGNORE_ACCEPTED_VALUES
}
