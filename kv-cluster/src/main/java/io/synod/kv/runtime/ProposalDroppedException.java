package io.synod.kv.runtime;

/**
 * An accepted entry will not be confirmed by this replica: leadership was lost, the entry was
 * overwritten by another leader's, or a snapshot replaced the log past it. The write may or may
 * not have been applied.
 */
public final class ProposalDroppedException extends RetryableException {

    public ProposalDroppedException(String message) {
        super(message, true);
    }
}
