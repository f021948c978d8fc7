package io.synod.kv.runtime;

/** Refused before reaching the log: too many requests pending, flow control, or a transfer. */
public final class BusyException extends RetryableException {

    public BusyException(String message) {
        super(message, false);
    }
}
