package io.synod.kv.consensus.pbft;

import io.synod.crypto.sign.SignBytes;
import io.synod.crypto.sign.Signature;
import io.synod.crypto.sign.Signer;
import io.synod.crypto.sign.Verifier;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Signatures for the simulator: SHA-256 keyed with a per-node secret derived from a run's seed,
 * behind the same {@link Signer} and {@link Verifier} interfaces as Ed25519. Only the node that
 * holds a secret (its own engine, or a faulty replica impersonating it) can produce its
 * signatures within a run; a simulated faulty replica that forges another's gets them wrong.
 * Not a real signature scheme (anyone with the seed can sign): never use outside the simulator.
 */
public final class KeyedHashSignatures implements Verifier {

    private final long seed;

    public KeyedHashSignatures(long seed) {
        this.seed = seed;
    }

    /** The signer of one node. */
    public Signer signer(long nodeId) {
        return new Signer() {
            @Override
            public long nodeId() {
                return nodeId;
            }

            @Override
            public Signature sign(SignBytes message) {
                return Signature.of(mac(nodeId, message.toByteArray()));
            }
        };
    }

    /** An authenticator for one node's engine. */
    public PbftAuthenticator authenticator(long nodeId) {
        return new PbftAuthenticator(signer(nodeId), this);
    }

    @Override
    public boolean verify(long nodeId, SignBytes message, Signature signature) {
        return MessageDigest.isEqual(mac(nodeId, message.toByteArray()), signature.bytes());
    }

    private byte[] mac(long nodeId, byte[] message) {
        byte[] key = ByteBuffer.allocate(16).putLong(seed).putLong(nodeId).array();
        MessageDigest sha = sha256();
        sha.update(key);
        sha.update(message);
        byte[] mac = sha.digest();
        return ByteBuffer.allocate(64).put(mac).put(mac).array();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
