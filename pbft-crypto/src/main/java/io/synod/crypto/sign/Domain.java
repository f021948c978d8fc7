package io.synod.crypto.sign;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * What kind of message a signature is for. The tag is part of the signed bytes (see
 * {@link SignBytes}), so a signature made for one kind never verifies as another: a PREPARE vote
 * cannot be passed off as a COMMIT vote even when every other field is the same.
 *
 * <p>The constants name the kinds the PBFT protocol signs; a new kind needs a new tag, never a
 * reused one. Tags end in a version so that changing what a kind's fields mean can take a new tag.
 */
public final class Domain {

    /** Lowercase ASCII: one byte per character, and readable in errors. Declared before the constants that use it. */
    private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    public static final Domain CLIENT_REQUEST = new Domain("pbft.request.v1");
    public static final Domain REPLY = new Domain("pbft.reply.v1");
    public static final Domain PRE_PREPARE = new Domain("pbft.pre-prepare.v1");
    public static final Domain PREPARE = new Domain("pbft.prepare.v1");
    public static final Domain COMMIT = new Domain("pbft.commit.v1");
    public static final Domain CHECKPOINT = new Domain("pbft.checkpoint.v1");
    public static final Domain VIEW_CHANGE = new Domain("pbft.view-change.v1");
    public static final Domain NEW_VIEW = new Domain("pbft.new-view.v1");

    private final String tag;

    private Domain(String tag) {
        if (!TAG.matcher(tag).matches()) {
            throw new IllegalArgumentException("a signing domain tag is 1 to 63 characters of a-z, 0-9, '.', '_'"
                    + " or '-' starting with a letter or digit, not '" + tag + "'");
        }
        this.tag = tag;
    }

    /**
     * The domain with this tag.
     *
     * @throws IllegalArgumentException if the tag is not 1 to 63 characters of {@code [a-z0-9._-]}
     */
    public static Domain of(String tag) {
        return new Domain(tag);
    }

    public String tag() {
        return tag;
    }

    byte[] tagBytes() {
        return tag.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Domain other && tag.equals(other.tag);
    }

    @Override
    public int hashCode() {
        return tag.hashCode();
    }

    @Override
    public String toString() {
        return tag;
    }
}
