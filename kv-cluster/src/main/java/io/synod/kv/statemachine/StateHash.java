package io.synod.kv.statemachine;

import com.google.protobuf.ByteString;

/**
 * 64-bit hashing for replica digests. Each key and session hashes on its own and the digest is
 * the wrapping sum of those hashes, so it is updated in O(1) per write and does not depend on
 * the order in which state was built, only on the state itself.
 */
final class StateHash {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private StateHash() {
    }

    /** FNV-1a over the bytes, finished with a strong mixer so sums of hashes stay well spread. */
    static long of(ByteString bytes) {
        long h = FNV_OFFSET;
        for (int i = 0, n = bytes.size(); i < n; i++) {
            h ^= bytes.byteAt(i) & 0xff;
            h *= FNV_PRIME;
        }
        return mix(h ^ bytes.size());
    }

    /** The splitmix64 finalizer. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
