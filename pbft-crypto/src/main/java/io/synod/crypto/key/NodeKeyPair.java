package io.synod.crypto.key;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * A replica's identity: its node id and its Ed25519 key pair. The private key never leaves this
 * object except through {@link #privateKeyBytes()}, which key files use.
 */
public final class NodeKeyPair {

    public static final int PRIVATE_KEY_SIZE = Ed25519PrivateKeyParameters.KEY_SIZE;
    private static final byte[] SIMULATION_TAG = "synod.simulation-key.v1".getBytes(StandardCharsets.US_ASCII);

    private final long nodeId;
    private final Ed25519PrivateKeyParameters privateKey;
    private final PublicKey publicKey;

    private NodeKeyPair(long nodeId, Ed25519PrivateKeyParameters privateKey) {
        this.nodeId = NodeIds.check(nodeId);
        this.privateKey = privateKey;
        this.publicKey = PublicKey.of(privateKey.generatePublicKey());
    }

    /** A fresh key pair drawn from {@code random} (use a {@link SecureRandom} from the platform). */
    public static NodeKeyPair generate(long nodeId, SecureRandom random) {
        return new NodeKeyPair(nodeId, new Ed25519PrivateKeyParameters(random));
    }

    /**
     * The key pair with this 32-byte private key (RFC 8032 seed).
     *
     * @throws IllegalArgumentException if the key does not have 32 bytes
     */
    public static NodeKeyPair fromPrivateKey(long nodeId, byte[] privateKey) {
        if (privateKey.length != PRIVATE_KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 private key has " + PRIVATE_KEY_SIZE + " bytes, not "
                    + privateKey.length);
        }
        return new NodeKeyPair(nodeId, new Ed25519PrivateKeyParameters(privateKey));
    }

    /**
     * A key pair derived from a simulation seed and the node id: the same inputs give the same keys
     * on every run, so a simulated cluster replays exactly. The keys are as strong as the seed is
     * secret, so never use them outside simulations and tests.
     */
    public static NodeKeyPair deterministic(long seed, long nodeId) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(SIMULATION_TAG);
            sha256.update(ByteBuffer.allocate(2 * Long.BYTES).putLong(seed).putLong(nodeId).array());
            return fromPrivateKey(nodeId, sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    public long nodeId() {
        return nodeId;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** A copy of the 32-byte private key, for writing key files. */
    public byte[] privateKeyBytes() {
        return privateKey.getEncoded();
    }

    /** Bouncy Castle's form of the private key, for the signature implementation. */
    public Ed25519PrivateKeyParameters privateParameters() {
        return privateKey;
    }

    /** Shows the id and public key only: a key pair in a log line must not leak the private key. */
    @Override
    public String toString() {
        return "NodeKeyPair{node " + nodeId + ", " + publicKey + "}";
    }
}
