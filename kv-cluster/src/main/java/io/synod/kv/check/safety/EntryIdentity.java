package io.synod.kv.check.safety;

/**
 * What makes two entries at one index "the same" for the checkers.
 *
 * <p>In Raft an entry keeps the term it was created in for its whole life, so (index, term, data)
 * identifies it, and two logs agreeing on (index, term) agree on the whole prefix. In Multi-Paxos
 * an entry's term is the ballot its value was accepted in at that replica: a new leader proposes
 * a chosen value again under its own ballot, so replicas may hold and apply one chosen value
 * under different ballots. There only (index, data) identifies the applied value, a (slot,
 * ballot) pair still names one value, and prefixes of different replicas need not agree.
 */
public enum EntryIdentity {
    /** Raft: index, term and data. */
    TERM_AND_DATA,
    /** Multi-Paxos: index and data; the term is the ballot of acceptance, not part of the value. */
    DATA
}
