package io.synod.kv.statemachine;

/** Size limits every replica enforces identically, so a command is rejected or applied everywhere. */
public final class KvLimits {

    public static final int MAX_KEY_BYTES = 4 * 1024;
    public static final int MAX_VALUE_BYTES = 1024 * 1024;
    public static final int MAX_BATCH_OPS = 10_000;
    /** Sum of key and value bytes over all operations of one batch. */
    public static final long MAX_BATCH_BYTES = 8L * 1024 * 1024;
    public static final int DEFAULT_MAX_SESSIONS = 100_000;

    private KvLimits() {
    }
}
