package io.synod.crypto.batch;

import io.synod.crypto.sign.SignBytes;
import io.synod.crypto.sign.Signature;

import java.util.Objects;

/** One claim to check: {@code nodeId} signed {@code message} with {@code signature}. */
public record SignedMessage(long nodeId, SignBytes message, Signature signature) {

    public SignedMessage {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(signature, "signature");
    }
}
