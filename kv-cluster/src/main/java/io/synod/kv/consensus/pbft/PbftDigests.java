package io.synod.kv.consensus.pbft;

import io.synod.kv.consensus.api.LogEntry;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/** SHA-256 digests the protocol agrees on: of a batch, of one request, and of the state at a checkpoint. */
public final class PbftDigests {

    private PbftDigests() {
    }

    /** A batch: its sequence numbers, kinds and requests (not the view: a batch keeps its digest across views). */
    public static byte[] batch(List<LogEntry> entries) {
        MessageDigest sha = sha256();
        sha.update(tag("batch"));
        for (LogEntry e : entries) {
            sha.update(ByteBuffer.allocate(16).putLong(e.index()).putInt(e.type().ordinal()).putInt(e.data().length)
                    .array());
            sha.update(e.data());
        }
        return sha.digest();
    }

    /** One request's kind and bytes, to match claims about one sequence number across replicas. */
    public static byte[] entry(LogEntry e) {
        MessageDigest sha = sha256();
        sha.update(tag("entry"));
        sha.update((byte) e.type().ordinal());
        sha.update(e.data());
        return sha.digest();
    }

    /** The state machine's snapshot at checkpoint {@code seq}. */
    public static byte[] state(long seq, byte[] snapshot) {
        MessageDigest sha = sha256();
        sha.update(tag("state"));
        sha.update(ByteBuffer.allocate(8).putLong(seq).array());
        sha.update(snapshot);
        return sha.digest();
    }

    private static byte[] tag(String name) {
        return ("synod.pbft." + name + ".v1").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
