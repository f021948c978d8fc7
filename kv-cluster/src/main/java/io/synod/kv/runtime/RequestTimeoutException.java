package io.synod.kv.runtime;

/** No answer within the replica's request timeout; a write may still be applied later. */
public final class RequestTimeoutException extends RetryableException {

    public RequestTimeoutException(String message, boolean outcomeUnknown) {
        super(message, outcomeUnknown);
    }
}
