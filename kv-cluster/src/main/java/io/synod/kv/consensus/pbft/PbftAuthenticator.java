package io.synod.kv.consensus.pbft;

import io.synod.crypto.sign.Signature;
import io.synod.crypto.sign.Signer;
import io.synod.crypto.sign.Verifier;

/**
 * Signs this replica's messages and checks everyone else's, kept apart from the protocol logic:
 * the engine holds a {@link Signer} and a {@link Verifier}, never a key (real nodes pass Ed25519,
 * the simulator a cheap keyed hash with the same interface).
 */
public final class PbftAuthenticator {

    private final Signer signer;
    private final Verifier verifier;

    public PbftAuthenticator(Signer signer, Verifier verifier) {
        this.signer = signer;
        this.verifier = verifier;
    }

    public PbftMessage sign(PbftMessage m) {
        return m.withSignature(signer.sign(PbftSignBytes.of(m)).bytes());
    }

    /** Whether {@code m} carries its sender's valid signature. */
    public boolean verify(PbftMessage m) {
        return m.signature().length == Signature.SIZE
                && verifier.verify(m.from(), PbftSignBytes.of(m), Signature.of(m.signature()));
    }
}
