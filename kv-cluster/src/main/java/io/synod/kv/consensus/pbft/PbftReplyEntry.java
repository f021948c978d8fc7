package io.synod.kv.consensus.pbft;

import io.synod.crypto.digest.Digest;

import java.util.Arrays;
import java.util.Optional;

/**
 * One result a REPLY message vouches for, as its entry data: the command's SHA-256 followed by
 * the result's SHA-256. Replicas write it and clients check it, so the format lives with the
 * message definitions.
 */
public record PbftReplyEntry(Digest command, Digest result) {

    public static final int SIZE = 2 * Digest.SIZE;

    public byte[] toBytes() {
        byte[] data = Arrays.copyOf(command.bytes(), SIZE);
        System.arraycopy(result.bytes(), 0, data, Digest.SIZE, Digest.SIZE);
        return data;
    }

    /** The entry {@code data} holds; empty if it is not one. */
    public static Optional<PbftReplyEntry> parse(byte[] data) {
        if (data.length != SIZE) {
            return Optional.empty();
        }
        return Optional.of(new PbftReplyEntry(Digest.of(Arrays.copyOf(data, Digest.SIZE)),
                Digest.of(Arrays.copyOfRange(data, Digest.SIZE, SIZE))));
    }
}
