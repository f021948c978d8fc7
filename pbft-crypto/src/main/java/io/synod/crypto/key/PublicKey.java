package io.synod.crypto.key;

import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An Ed25519 public key: 32 bytes (RFC 8032 encoding). Construction rejects encodings that are not
 * points on the curve, so a malformed key fails when it is loaded, not at the first verification.
 * Holds Bouncy Castle's decoded point, so verifying does not decompress the key every time.
 */
public final class PublicKey {

    public static final int SIZE = Ed25519PublicKeyParameters.KEY_SIZE;

    private final byte[] encoded;
    private final Ed25519PublicKeyParameters parameters;

    private PublicKey(byte[] encoded, Ed25519PublicKeyParameters parameters) {
        this.encoded = encoded;
        this.parameters = parameters;
    }

    /**
     * The key with these 32 bytes.
     *
     * @throws IllegalArgumentException if there are not 32 bytes or they do not encode a curve point
     */
    public static PublicKey of(byte[] encoded) {
        if (encoded.length != SIZE) {
            throw new IllegalArgumentException(
                    "an Ed25519 public key has " + SIZE + " bytes, not " + encoded.length);
        }
        byte[] copy = encoded.clone();
        try {
            return new PublicKey(copy, new Ed25519PublicKeyParameters(copy));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid Ed25519 public key (no such curve point)", e);
        }
    }

    /** The key written as 64 lowercase hex digits (as in key files). */
    public static PublicKey fromHex(String hex) {
        if (hex.length() != 2 * SIZE) {
            throw new IllegalArgumentException("an Ed25519 public key is " + 2 * SIZE + " hex digits, not "
                    + hex.length());
        }
        return of(HexFormat.of().parseHex(hex));
    }

    static PublicKey of(Ed25519PublicKeyParameters parameters) {
        return new PublicKey(parameters.getEncoded(), parameters);
    }

    /** A copy of the 32 encoded bytes. */
    public byte[] encoded() {
        return encoded.clone();
    }

    public String toHex() {
        return HexFormat.of().formatHex(encoded);
    }

    /** Bouncy Castle's form of this key, for the signature implementation. */
    public Ed25519PublicKeyParameters parameters() {
        return parameters;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublicKey other && Arrays.equals(encoded, other.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return "ed25519:" + toHex();
    }
}
