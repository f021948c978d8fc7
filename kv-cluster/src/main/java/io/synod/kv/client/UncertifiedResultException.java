package io.synod.kv.client;

/** A node's answer did not prove its result with enough replicas' signed replies. */
public final class UncertifiedResultException extends RuntimeException {

    public UncertifiedResultException(String message) {
        super(message);
    }
}
