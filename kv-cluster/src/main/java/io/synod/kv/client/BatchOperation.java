package io.synod.kv.client;

import java.util.Objects;

/** One operation of an atomic batch: a put ({@code value != null}) or a delete. */
public record BatchOperation(byte[] key, byte[] value) {

    public BatchOperation {
        Objects.requireNonNull(key, "key");
    }

    public static BatchOperation put(byte[] key, byte[] value) {
        return new BatchOperation(key, Objects.requireNonNull(value, "value"));
    }

    public static BatchOperation delete(byte[] key) {
        return new BatchOperation(key, null);
    }

    public boolean isDelete() {
        return value == null;
    }
}
