package io.synod.kv.consensus.raft;

/**
 * Deliberate protocol bugs, for checker self-tests only: the simulator and its safety and
 * linearizability checkers must catch an engine built with any of these. Never use outside tests.
 */
public enum RaftDefect {
    /** The correct protocol. */
    NONE,
    /** A leader commits any majority-replicated entry, even one from an earlier term (Figure 8). */
    COMMIT_PREVIOUS_TERM_MAJORITY,
    /** A replica grants its vote to every candidate of its current term, even after voting. */
    DOUBLE_VOTE,
    /** Vote and append acknowledgements leave before the state they acknowledge is durable. */
    ACK_BEFORE_PERSIST,
    /**
     * A replica repaired after storage damage votes and campaigns judging only by its new, empty
     * log, which forgot entries it acknowledged before the damage.
     */
    REPAIR_WITHOUT_ABSTENTION
}
