package io.synod.kv.storage.lmdb;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Key encodings. Numbers are big-endian so that LMDB's byte order is numeric order. */
final class Keys {

    static final byte[] HARD_STATE = ascii("hard-state");
    static final byte[] SNAPSHOT_META = ascii("snapshot-meta");
    static final byte[] FORMAT_VERSION = ascii("format-version");
    static final byte[] NODE_ID = ascii("node-id");
    static final byte[] REPAIR_FLOOR = ascii("repair-floor");
    static final byte[] ENGINE_STATE = ascii("engine-state");

    private Keys() {
    }

    static byte[] ofLong(long n) {
        return ByteBuffer.allocate(Long.BYTES).putLong(n).array();
    }

    static long toLong(byte[] key) {
        return ByteBuffer.wrap(key).getLong();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
