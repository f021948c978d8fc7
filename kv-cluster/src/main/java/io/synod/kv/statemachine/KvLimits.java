package io.synod.kv.statemachine;

/** Size limits every replica enforces identically, so a command is rejected or applied everywhere. */
public final class KvLimits {

    public static final int MAX_KEY_BYTES = 4 * 1024;
    public static final int MAX_VALUE_BYTES = 1024 * 1024;
    /** Operations of one batch or transaction. */
    public static final int MAX_BATCH_OPS = 10_000;
    /**
     * Compares of one transaction. Each costs a walk over its range on every replica, inside the
     * apply loop, so the number is bounded like the operations.
     */
    public static final int MAX_TXN_COMPARES = 10_000;
    /** Sum of key and value bytes over all operations (and compare bounds) of one batch or transaction. */
    public static final long MAX_BATCH_BYTES = 8L * 1024 * 1024;
    /**
     * Key and value bytes of one scan response: a scan stops after the entry that reaches this
     * (so it returns at least one) and reports {@code more}, keeping every response far below
     * the clients' inbound message limit whatever the limit asked for.
     */
    public static final int MAX_SCAN_RESPONSE_BYTES = 4 * 1024 * 1024;
    public static final int DEFAULT_MAX_SESSIONS = 100_000;

    private KvLimits() {
    }
}
