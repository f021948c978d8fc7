package io.synod.crypto.cert;

/**
 * A received certificate that must not be trusted. Checked, because certificates come from other
 * replicas, some of which may be Byzantine: the protocol has to decide what to do (drop the
 * message, suspect the sender), and {@link #reason()} tells it what went wrong.
 */
public final class InvalidCertificateException extends Exception {

    /** What is wrong with the certificate. */
    public enum Reason {
        /** The bytes are not a certificate encoding (truncated, trailing bytes, bad field, unsorted signers). */
        MALFORMED,
        /** It certifies another kind, group, view, sequence or digest than the one expected. */
        WRONG_STATEMENT,
        /** A signer is not a member of the cluster. */
        UNKNOWN_SIGNER,
        /** Fewer distinct signers than a quorum. */
        TOO_FEW_SIGNATURES,
        /** At least one signature does not verify. */
        BAD_SIGNATURE
    }

    private final Reason reason;

    public InvalidCertificateException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
