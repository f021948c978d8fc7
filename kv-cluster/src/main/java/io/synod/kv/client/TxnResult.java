package io.synod.kv.client;

/**
 * Whether a transaction's conditions all held and its operations were applied, the index of
 * the first condition that failed (-1 if none did), and the revision (log index) it was
 * decided at.
 */
public record TxnResult(boolean succeeded, int failedCompare, long revision) {
}
