package io.synod.crypto.digest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A SHA-256 digest (32 bytes) of a client request or a batch of requests. {@link #equals} runs in
 * time independent of where two digests differ, so comparing a received digest with an expected
 * one leaks nothing through timing.
 *
 * <p>A batch digest is SHA-256 over a tag and the length-prefixed requests:
 * {@code "synod.batch.v1" || u32 count || for each request (u32 length || bytes)}, big-endian. The
 * tag keeps it apart from the digest of a single request, and the lengths keep two different
 * batches from hashing the same bytes ({@code ["ab","c"]} versus {@code ["a","bc"]}).
 */
public final class Digest {

    public static final int SIZE = 32;
    private static final byte[] BATCH_TAG = "synod.batch.v1".getBytes(StandardCharsets.US_ASCII);

    private final byte[] bytes;

    private Digest(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The SHA-256 digest of {@code data}. */
    public static Digest sha256(byte[] data) {
        return new Digest(newSha256().digest(data));
    }

    /** The digest of a batch of requests, in order (see the class comment for the encoding). */
    public static Digest ofBatch(List<byte[]> requests) {
        MessageDigest sha256 = newSha256();
        sha256.update(BATCH_TAG);
        sha256.update(u32(requests.size()));
        for (byte[] request : requests) {
            sha256.update(u32(request.length));
            sha256.update(request);
        }
        return new Digest(sha256.digest());
    }

    /**
     * A digest received from elsewhere.
     *
     * @throws IllegalArgumentException if it does not have 32 bytes
     */
    public static Digest of(byte[] bytes) {
        if (bytes.length != SIZE) {
            throw new IllegalArgumentException("a SHA-256 digest has " + SIZE + " bytes, not " + bytes.length);
        }
        return new Digest(bytes.clone());
    }

    /** The digest written as 64 hex digits. */
    public static Digest fromHex(String hex) {
        return of(HexFormat.of().parseHex(hex));
    }

    /** A copy of the 32 bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Writes the 32 bytes into {@code out} without copying them first. */
    public void writeTo(ByteBuffer out) {
        out.put(bytes);
    }

    /** Feeds the 32 bytes to a running hash without copying them first. */
    public void updateInto(MessageDigest digest) {
        digest.update(bytes);
    }

    public String toHex() {
        return HexFormat.of().formatHex(bytes);
    }

    /** Constant-time: {@link MessageDigest#isEqual} compares every byte whatever the first difference. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Digest other && MessageDigest.isEqual(bytes, other.bytes);
    }

    /** The first four bytes: SHA-256 output is uniform, so they hash as well as all 32. */
    @Override
    public int hashCode() {
        return ByteBuffer.wrap(bytes).getInt();
    }

    @Override
    public String toString() {
        return "sha256:" + toHex();
    }

    private static byte[] u32(int value) {
        return ByteBuffer.allocate(Integer.BYTES).putInt(value).array();
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
