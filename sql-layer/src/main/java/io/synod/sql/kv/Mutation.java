package io.synod.sql.kv;

import java.util.Objects;

/** A put of {@code value} at {@code key}, or a delete of {@code key} when {@code value} is null. */
public record Mutation(byte[] key, byte[] value) {

    public Mutation {
        Objects.requireNonNull(key, "key");
    }

    public static Mutation put(byte[] key, byte[] value) {
        return new Mutation(key, Objects.requireNonNull(value, "value"));
    }

    public static Mutation delete(byte[] key) {
        return new Mutation(key, null);
    }

    public boolean isDelete() {
        return value == null;
    }
}
