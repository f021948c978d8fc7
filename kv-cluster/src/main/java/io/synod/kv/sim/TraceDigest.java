package io.synod.kv.sim;

/** A 64-bit hash chained over every traced event, so two runs of one seed can be compared cheaply. */
final class TraceDigest {

    private long value = 0x9e3779b97f4a7c15L;

    void add(long kind, long a, long b, long c) {
        value = mix(value ^ kind);
        value = mix(value ^ a);
        value = mix(value ^ b);
        value = mix(value ^ c);
    }

    long value() {
        return value;
    }

    /** The splitmix64 finalizer. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
