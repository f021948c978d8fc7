package io.synod.kv.consensus.pbft;

/** The kinds of PBFT message; the wire format stores the ordinal, so only append new kinds. */
public enum PbftMessageType {
    /** A backup forwards a client command to the primary. */
    REQUEST,
    /** The primary assigns sequence numbers {@code seq..seqHi} to a batch in its view. */
    PRE_PREPARE,
    PREPARE,
    COMMIT,
    /** The collector's certificate of PREPAREs from every replica: commit without the COMMIT phase. */
    FAST_COMMIT,
    /** The state digest at a checkpoint sequence number. */
    CHECKPOINT,
    /** A stable checkpoint's certificate (2f+1 CHECKPOINTs) sent to a replica that is behind it. */
    CHECKPOINT_CERT,
    VIEW_CHANGE,
    NEW_VIEW,
    /** Periodic: view, commit index and stable checkpoint, so peers can help a replica that fell behind. */
    STATUS,
    /** A committed batch with its commit certificate, for a replica that missed it. */
    CATCH_UP,
    /** Asks for state at a certified checkpoint, from an offset. */
    FETCH_STATE,
    /** A chunk of state at a certified checkpoint. */
    STATE_CHUNK,
    /** Read-only path: asks every replica for the highest sequence number it accepted. */
    READ_PROBE,
    READ_ACK,
    /**
     * After executing: the results of the commands a replica applied (entries hold each command's
     * digest and result), for the replica a client asked. Sent and checked by the node runtime,
     * never by the engine.
     */
    REPLY
}
