package io.synod.kv.check.linearizability;

/**
 * What the system answered. For GET, {@code value} is the value read ({@code null} = absent);
 * for CAS, {@code succeeded} says whether the swap happened; PUT and DELETE carry nothing.
 */
public record KvOutput(String value, boolean succeeded) {

    public static final KvOutput OK = new KvOutput(null, true);

    public static KvOutput read(String value) {
        return new KvOutput(value, true);
    }

    public static KvOutput cas(boolean succeeded) {
        return new KvOutput(null, succeeded);
    }
}
