package io.synod.kv.consensus.api;

/** A read request that may now be served once the state machine has applied {@code index}. */
public record ReadState(long readId, long index) {
}
