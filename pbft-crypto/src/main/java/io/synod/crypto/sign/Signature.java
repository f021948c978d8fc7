package io.synod.crypto.sign;

import java.util.Arrays;
import java.util.HexFormat;

/** An Ed25519 signature: 64 bytes (RFC 8032 encoding). */
public final class Signature {

    public static final int SIZE = 64;

    private final byte[] bytes;

    private Signature(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * A signature received from elsewhere.
     *
     * @throws IllegalArgumentException if it does not have 64 bytes
     */
    public static Signature of(byte[] bytes) {
        if (bytes.length != SIZE) {
            throw new IllegalArgumentException("an Ed25519 signature has " + SIZE + " bytes, not " + bytes.length);
        }
        return new Signature(bytes.clone());
    }

    static Signature wrap(byte[] bytes) {
        return new Signature(bytes);
    }

    /** A copy of the 64 bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    byte[] unsafeBytes() {
        return bytes;
    }

    public String toHex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Signature other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "ed25519-sig:" + toHex();
    }
}
