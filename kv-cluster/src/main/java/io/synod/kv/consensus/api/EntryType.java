package io.synod.kv.consensus.api;

public enum EntryType {
    /** A client command for the replicated state machine. */
    NORMAL,
    /** A membership change; its data is an encoded {@link ConfChange}. */
    CONF_CHANGE,
    /** Appended by a new leader so that entries of earlier terms can commit. */
    NOOP
}
