package io.synod.crypto.sign;

import io.synod.crypto.key.NodeKeyPair;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** Signs with a node's Ed25519 private key through Bouncy Castle's lightweight API (pure Ed25519, no context). */
public final class Ed25519Signer implements Signer {

    private final long nodeId;
    private final Ed25519PrivateKeyParameters privateKey;

    public Ed25519Signer(NodeKeyPair keys) {
        this.nodeId = keys.nodeId();
        this.privateKey = keys.privateParameters();
    }

    @Override
    public long nodeId() {
        return nodeId;
    }

    @Override
    public Signature sign(SignBytes message) {
        byte[] bytes = message.unsafeBytes();
        byte[] signature = new byte[Signature.SIZE];
        privateKey.sign(Ed25519.Algorithm.Ed25519, null, bytes, 0, bytes.length, signature, 0);
        return Signature.wrap(signature);
    }

    @Override
    public String toString() {
        return "Ed25519Signer{node " + nodeId + "}";
    }
}
