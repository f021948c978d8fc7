package io.synod.sql.kv;

import io.synod.kv.statemachine.KvLimits;

import java.util.List;

/**
 * The store's request limits ({@link KvLimits}), checked before a request is sent so an
 * oversized statement fails with a precise {@link SqlKvLimitException} and malformed requests
 * (programming errors) with {@link IllegalArgumentException}.
 */
public final class KvRequestLimits {

    private KvRequestLimits() {
    }

    public static void checkScan(byte[] start, byte[] end, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("negative limit: " + limit);
        }
        checkBound(start, "scan start");
        if (end != null) {
            checkBound(end, "scan end");
        }
    }

    public static void checkCommit(List<RangeCondition> conditions, List<Mutation> mutations) {
        if (conditions.size() > KvLimits.MAX_TXN_COMPARES) {
            throw new SqlKvLimitException("a transaction recorded " + conditions.size() + " reads; at most "
                    + KvLimits.MAX_TXN_COMPARES + " can be validated at commit");
        }
        if (mutations.size() > KvLimits.MAX_BATCH_OPS) {
            throw new SqlKvLimitException("a transaction writes " + mutations.size() + " keys; at most "
                    + KvLimits.MAX_BATCH_OPS + " are allowed");
        }
        long bytes = 0;
        for (RangeCondition c : conditions) {
            checkBound(c.start(), "condition start");
            if (c.end() != null) {
                checkBound(c.end(), "condition end");
                if (ByteKeys.compare(c.start(), c.end()) >= 0) {
                    throw new IllegalArgumentException("empty condition range " + c);
                }
                bytes += c.end().length;
            }
            bytes += c.start().length;
        }
        for (Mutation m : mutations) {
            checkKey(m.key());
            if (m.value() != null) {
                checkValue(m.value());
                bytes += m.value().length;
            }
            bytes += m.key().length;
        }
        if (bytes > KvLimits.MAX_BATCH_BYTES) {
            throw new SqlKvLimitException("a transaction carries " + bytes + " bytes of keys and values; at most "
                    + KvLimits.MAX_BATCH_BYTES + " are allowed");
        }
    }

    /** A key to write: not empty, not over the key limit. */
    public static void checkKey(byte[] key) {
        if (key.length == 0) {
            throw new IllegalArgumentException("empty key");
        }
        checkBound(key, "key");
    }

    public static void checkValue(byte[] value) {
        if (value.length > KvLimits.MAX_VALUE_BYTES) {
            throw new SqlKvLimitException("a value of " + value.length + " bytes is over the limit of "
                    + KvLimits.MAX_VALUE_BYTES);
        }
    }

    private static void checkBound(byte[] key, String what) {
        if (key.length > KvLimits.MAX_KEY_BYTES) {
            throw new SqlKvLimitException("a " + what + " of " + key.length + " bytes is over the limit of "
                    + KvLimits.MAX_KEY_BYTES + " (a key value too long?)");
        }
    }
}
