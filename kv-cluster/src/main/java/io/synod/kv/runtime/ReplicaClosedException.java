package io.synod.kv.runtime;

/** The replica stopped (shutdown or a fatal storage error) before the request finished. */
public final class ReplicaClosedException extends RetryableException {

    public ReplicaClosedException(String message) {
        super(message, true);
    }
}
