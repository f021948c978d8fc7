package io.synod.crypto.sign;

/**
 * Signs for one node. Protocol code holds a Signer, never a private key, so signing can move
 * elsewhere (a remote signer, a simulated one) without touching the protocol. Thread-safe.
 */
public interface Signer {

    /** The node whose key signs. */
    long nodeId();

    /** Signs the canonical bytes of one message. Ed25519 is deterministic: same bytes, same signature. */
    Signature sign(SignBytes message);
}
