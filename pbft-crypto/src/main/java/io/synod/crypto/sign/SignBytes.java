package io.synod.crypto.sign;

import io.synod.crypto.digest.Digest;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The exact bytes a signature covers: a canonical, domain-separated encoding of a message's
 * fields, built by the protocol from the fields it means (never from a received envelope, whose
 * encoding a sender controls). Encoding, all integers big-endian:
 *
 * <pre>
 *   sign bytes = "synod.sig.v1"                      12 ASCII bytes, marks Synod signatures
 *                u8 tag length || domain tag         see {@link Domain}
 *                field*
 *   field      = 0x01 || u64                         a number ({@link Builder#putLong})
 *              | 0x02 || u32 length || bytes         a byte string ({@link Builder#putBytes}, {@link Builder#putString} as UTF-8)
 *              | 0x03 || 32 bytes                    a SHA-256 digest ({@link Builder#putDigest})
 * </pre>
 *
 * Every field carries its type and, when variable, its length, so the encoding is injective: two
 * different field lists of one domain never give the same bytes, and the tag's own length prefix
 * keeps domains apart. Protocols should put the consensus group id first, so a signature made in
 * one group cannot be replayed in another group that the same node belongs to.
 */
public final class SignBytes {

    static final byte[] MAGIC = "synod.sig.v1".getBytes(StandardCharsets.US_ASCII);
    static final byte LONG_FIELD = 0x01;
    static final byte BYTES_FIELD = 0x02;
    static final byte DIGEST_FIELD = 0x03;

    private final Domain domain;
    private final byte[] bytes;

    private SignBytes(Domain domain, byte[] bytes) {
        this.domain = domain;
        this.bytes = bytes;
    }

    /** Starts the bytes for a message of this kind. */
    public static Builder builder(Domain domain) {
        return new Builder(domain);
    }

    public Domain domain() {
        return domain;
    }

    /** A copy of the encoded bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** The encoded bytes without a copy, for the signature implementations in this package. */
    byte[] unsafeBytes() {
        return bytes;
    }

    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignBytes other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "SignBytes{" + domain + ", " + bytes.length + " bytes}";
    }

    /** Appends fields in order; the order is part of the encoding. */
    public static final class Builder {

        private final Domain domain;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        private final ByteBuffer scratch = ByteBuffer.allocate(Long.BYTES);

        private Builder(Domain domain) {
            this.domain = domain;
            byte[] tag = domain.tagBytes();
            out.writeBytes(MAGIC);
            out.write(tag.length);
            out.writeBytes(tag);
        }

        public Builder putLong(long value) {
            out.write(LONG_FIELD);
            out.write(scratch.clear().putLong(value).array(), 0, Long.BYTES);
            return this;
        }

        public Builder putBytes(byte[] value) {
            out.write(BYTES_FIELD);
            out.write(scratch.clear().putInt(value.length).array(), 0, Integer.BYTES);
            out.writeBytes(value);
            return this;
        }

        /** A string as UTF-8 bytes (a byte-string field). */
        public Builder putString(String value) {
            return putBytes(value.getBytes(StandardCharsets.UTF_8));
        }

        public Builder putDigest(Digest value) {
            out.write(DIGEST_FIELD);
            out.writeBytes(value.bytes());
            return this;
        }

        public SignBytes build() {
            return new SignBytes(domain, out.toByteArray());
        }
    }
}
