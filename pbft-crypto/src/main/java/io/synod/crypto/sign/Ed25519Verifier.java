package io.synod.crypto.sign;

import io.synod.crypto.key.ClusterKeys;
import io.synod.crypto.key.PublicKey;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

import java.util.Optional;

/**
 * Verifies Ed25519 signatures against the cluster's public keys (Bouncy Castle, RFC 8032 pure
 * Ed25519). Each key's curve point is decoded once, when the cluster keys are loaded.
 */
public final class Ed25519Verifier implements Verifier {

    private final ClusterKeys members;

    public Ed25519Verifier(ClusterKeys members) {
        this.members = members;
    }

    @Override
    public boolean verify(long nodeId, SignBytes message, Signature signature) {
        Optional<PublicKey> key = members.publicKey(nodeId);
        if (key.isEmpty()) {
            return false;
        }
        byte[] bytes = message.unsafeBytes();
        return key.get().parameters().verify(Ed25519.Algorithm.Ed25519, null, bytes, 0, bytes.length,
                signature.unsafeBytes(), 0);
    }

    public ClusterKeys members() {
        return members;
    }
}
