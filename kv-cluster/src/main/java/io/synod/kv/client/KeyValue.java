package io.synod.kv.client;

import java.nio.charset.StandardCharsets;

/**
 * A stored key and value with its revisions: {@code modRevision} is the log index of the last
 * write, {@code createRevision} that of the write that created the key, {@code version} the
 * number of writes since it was created. Arrays are not copied; do not modify them.
 */
public record KeyValue(byte[] key, byte[] value, long createRevision, long modRevision, long version) {

    static KeyValue of(io.synod.proto.kv.KeyValue kv) {
        return new KeyValue(kv.getKey().toByteArray(), kv.getValue().toByteArray(), kv.getCreateRevision(),
                kv.getModRevision(), kv.getVersion());
    }

    public String valueUtf8() {
        return new String(value, StandardCharsets.UTF_8);
    }
}
