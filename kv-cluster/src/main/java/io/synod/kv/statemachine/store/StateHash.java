package io.synod.kv.statemachine.store;

import com.google.protobuf.ByteString;
import io.synod.proto.kv.KeyValue;
import io.synod.proto.kv.KvSession;

/**
 * 64-bit hashing for replica digests. Each record and session hashes on its own and the digest
 * combines the applied index with the wrapping sums of those hashes, so it is updated in O(1)
 * per write and depends only on the state, not on the order it was built in or the store kind.
 */
public final class StateHash {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private StateHash() {
    }

    /** The digest of a state with the given applied index and sums of record and session hashes. */
    public static long digest(long appliedIndex, long recordHashSum, long sessionHashSum) {
        long h = mix(appliedIndex);
        h = mix(h + recordHashSum);
        return mix(h + sessionHashSum);
    }

    public static long of(KeyValue record) {
        return of(record.toByteString());
    }

    public static long of(KvSession session) {
        return of(session.toByteString());
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
