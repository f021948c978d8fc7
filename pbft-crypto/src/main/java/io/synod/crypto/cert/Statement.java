package io.synod.crypto.cert;

import io.synod.crypto.digest.Digest;
import io.synod.crypto.sign.Domain;
import io.synod.crypto.sign.SignBytes;

import java.util.Objects;

/**
 * What a quorum certificate certifies: that 2f+1 members signed "{@code kind} for {@code digest} at
 * {@code view}/{@code sequence} in group {@code groupId}". A vote meant to be collected into a
 * certificate (a PREPARE, a COMMIT, a CHECKPOINT...) must sign exactly {@link #signBytes()}, so
 * that the votes can be gathered into a certificate and checked by anyone holding the cluster keys.
 */
public record Statement(Domain kind, long groupId, long view, long sequence, Digest digest) {

    public Statement {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(digest, "digest");
        if (groupId < 0 || view < 0 || sequence < 0) {
            throw new IllegalArgumentException("group, view and sequence are never negative, not " + groupId + "/"
                    + view + "/" + sequence);
        }
    }

    /** {@code domain(kind) || u64 groupId || u64 view || u64 sequence || digest}, as {@link SignBytes} fields. */
    public SignBytes signBytes() {
        return SignBytes.builder(kind).putLong(groupId).putLong(view).putLong(sequence).putDigest(digest).build();
    }

    @Override
    public String toString() {
        return kind + " group " + groupId + " view " + view + " seq " + sequence + " " + digest;
    }
}
