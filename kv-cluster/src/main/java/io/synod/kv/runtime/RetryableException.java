package io.synod.kv.runtime;

/**
 * A request failed for a reason that may go away: another node leads, the replica is busy,
 * leadership changed, or an answer did not come in time. Retrying a write is safe when it runs
 * in a client session (client id + sequence), which makes the retry idempotent.
 */
public class RetryableException extends RuntimeException {

    private final boolean outcomeUnknown;

    public RetryableException(String message, boolean outcomeUnknown) {
        super(message, null, false, false);
        this.outcomeUnknown = outcomeUnknown;
    }

    /** Whether the write may still have been applied (it was accepted into the log). */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }
}
