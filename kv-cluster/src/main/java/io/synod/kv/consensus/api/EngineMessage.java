package io.synod.kv.consensus.api;

/** A protocol message between two replicas of one consensus group. */
public interface EngineMessage {

    long from();

    long to();

    /** The sender's term (ballot, view) the message belongs to. */
    long term();

    /** Approximate encoded size, used for batching and flow control. */
    int sizeBytes();
}
