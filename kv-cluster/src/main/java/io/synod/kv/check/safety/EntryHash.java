package io.synod.kv.check.safety;

import io.synod.kv.consensus.api.LogEntry;

/** A deterministic 64-bit FNV-1a hash of an entry's type and data, for cheap comparisons. */
public final class EntryHash {

    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private EntryHash() {
    }

    public static long of(LogEntry e) {
        return bytes(e.type().ordinal() + 1L, e.data());
    }

    /** Hashes {@code data} continuing from {@code seed}. */
    public static long bytes(long seed, byte[] data) {
        long h = OFFSET ^ seed;
        for (byte b : data) {
            h ^= b & 0xff;
            h *= PRIME;
        }
        return h;
    }
}
