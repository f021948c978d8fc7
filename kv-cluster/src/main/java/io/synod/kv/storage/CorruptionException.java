package io.synod.kv.storage;

/**
 * A stored record failed its integrity check (checksum mismatch, truncated or missing record).
 * Thrown instead of returning data that may be wrong; the message names the damaged record.
 */
public final class CorruptionException extends RuntimeException {

    public CorruptionException(String message) {
        super(message);
    }

    public CorruptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
