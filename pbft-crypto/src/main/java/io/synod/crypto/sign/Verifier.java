package io.synod.crypto.sign;

/** Checks signatures against the cluster's public keys. Pure and thread-safe. */
public interface Verifier {

    /**
     * Whether {@code signature} is {@code nodeId}'s signature of {@code message}: false for a wrong
     * signature, other bytes, another domain, or a node that is not a member.
     */
    boolean verify(long nodeId, SignBytes message, Signature signature);
}
