package io.synod.kv.check.linearizability;

import java.util.Objects;

/**
 * A client's request against the key-value register model. {@code value} is the value written
 * (PUT, CAS); {@code expected} is what CAS compares against ({@code null} = key must be absent).
 */
public record KvInput(Kind kind, String key, String value, String expected) {

    public enum Kind { GET, PUT, DELETE, CAS }

    public KvInput {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        if ((kind == Kind.PUT || kind == Kind.CAS) && value == null) {
            throw new IllegalArgumentException(kind + " needs a value");
        }
    }

    public static KvInput get(String key) {
        return new KvInput(Kind.GET, key, null, null);
    }

    public static KvInput put(String key, String value) {
        return new KvInput(Kind.PUT, key, value, null);
    }

    public static KvInput delete(String key) {
        return new KvInput(Kind.DELETE, key, null, null);
    }

    public static KvInput cas(String key, String expected, String value) {
        return new KvInput(Kind.CAS, key, value, expected);
    }
}
