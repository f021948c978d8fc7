package io.synod.kv.runtime;

/**
 * Enough replicas to vouch for a result (f+1) reported one other than this replica's: this
 * replica's state has diverged, so it must not answer. The command was applied; a client retrying
 * it in its session on another replica gets the result the others vouch for.
 */
public final class DivergedResultException extends RetryableException {

    public DivergedResultException(int matching) {
        super(matching + " replicas reported a result other than this replica's: its state has diverged", true);
    }
}
