package io.synod.crypto.sign;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers signatures that verified, so a signature seen twice is checked once. In PBFT the same
 * signed vote arrives on its own and again inside certificates and view-change proofs; a hit
 * costs one SHA-256 of the message (about a microsecond) instead of an Ed25519 verification
 * (about 60 microseconds here).
 *
 * <p>Only successes are remembered: a replica flooding bad signatures cannot push good entries
 * out, and a failure is always re-checked. Entries are keyed by SHA-256 over (node id, signature,
 * signed bytes), so a hit needs all three to match. At most {@code capacity} entries are kept; the
 * least recently used one goes first. The cache changes how fast answers come, never what they are.
 */
public final class CachingVerifier implements Verifier {

    private final Verifier delegate;
    private final Map<ByteBuffer, Boolean> verified;

    /**
     * @param capacity how many verified signatures to remember (each costs about 150 bytes)
     */
    public CachingVerifier(Verifier delegate, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("cache capacity must be positive, not " + capacity);
        }
        this.delegate = delegate;
        this.verified = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public boolean verify(long nodeId, SignBytes message, Signature signature) {
        ByteBuffer key = key(nodeId, message, signature);
        synchronized (verified) {
            if (verified.get(key) != null) {
                return true;
            }
        }
        if (!delegate.verify(nodeId, message, signature)) {
            return false;
        }
        synchronized (verified) {
            verified.put(key, Boolean.TRUE);
        }
        return true;
    }

    /** How many verified signatures are remembered now. */
    public int size() {
        synchronized (verified) {
            return verified.size();
        }
    }

    private static ByteBuffer key(long nodeId, SignBytes message, Signature signature) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(nodeId).array());
            sha256.update(signature.unsafeBytes());
            sha256.update(message.unsafeBytes());
            return ByteBuffer.wrap(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
