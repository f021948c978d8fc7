package io.synod.kv.consensus.api;

/** A replica's role. PBFT maps primary to LEADER and backups to FOLLOWER. */
public enum Role {
    FOLLOWER,
    PRE_CANDIDATE,
    CANDIDATE,
    LEADER,
    /** A non-voting member that receives the log but never campaigns or counts in quorums. */
    LEARNER
}
