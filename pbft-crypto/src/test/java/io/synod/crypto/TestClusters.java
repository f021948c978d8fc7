package io.synod.crypto;

import io.synod.crypto.key.ClusterKeys;
import io.synod.crypto.key.NodeKeyPair;
import io.synod.crypto.key.PublicKey;
import io.synod.crypto.sign.Ed25519Signer;
import io.synod.crypto.sign.Signer;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;

/** Deterministic clusters of n members (ids 1..n) for tests. */
public record TestClusters(List<NodeKeyPair> keyPairs, ClusterKeys keys) {

    public static TestClusters of(int n) {
        return of(n, 42);
    }

    public static TestClusters of(int n, long seed) {
        List<NodeKeyPair> pairs = LongStream.rangeClosed(1, n).mapToObj(id -> NodeKeyPair.deterministic(seed, id))
                .toList();
        Map<Long, PublicKey> members = new TreeMap<>();
        pairs.forEach(p -> members.put(p.nodeId(), p.publicKey()));
        return new TestClusters(pairs, ClusterKeys.of(members));
    }

    /** The signer of member {@code id} (1-based). */
    public Signer signer(long id) {
        return new Ed25519Signer(keyPairs.get((int) id - 1));
    }
}
