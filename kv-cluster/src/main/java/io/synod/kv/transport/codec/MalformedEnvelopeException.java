package io.synod.kv.transport.codec;

/** A peer envelope that must not reach an engine; the message is a one-line reason. */
public final class MalformedEnvelopeException extends Exception {

    public MalformedEnvelopeException(String reason) {
        super(reason);
    }
}
