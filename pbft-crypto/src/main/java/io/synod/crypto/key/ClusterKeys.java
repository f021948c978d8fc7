package io.synod.crypto.key;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * The replicas of one Byzantine-fault-tolerant cluster and their public keys, and the fault
 * arithmetic that follows from their number: with n members the cluster tolerates
 * f = ⌊(n−1)/3⌋ faulty ones, and a quorum has ⌈(n+f+1)/2⌉ members, which is 2f+1 when n = 3f+1.
 * That formula (not 2f+1 alone) keeps any two quorums overlapping in at least f+1 members, so in at
 * least one correct member, for every n (with n = 5, 2f+1 = 3 would not).
 *
 * <p>Every member has its own key: a key shared by two members would let one replica speak for
 * two, so it is refused.
 */
public final class ClusterKeys {

    private final NavigableMap<Long, PublicKey> keys;

    private ClusterKeys(NavigableMap<Long, PublicKey> keys) {
        this.keys = keys;
    }

    /**
     * The cluster with these members.
     *
     * @throws IllegalArgumentException if there are no members, an id is not positive, or two members
     *                                  share a public key
     */
    public static ClusterKeys of(Map<Long, PublicKey> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a cluster needs at least one member");
        }
        NavigableMap<Long, PublicKey> sorted = new TreeMap<>();
        Map<PublicKey, Long> owners = new HashMap<>();
        for (Map.Entry<Long, PublicKey> e : members.entrySet()) {
            long id = NodeIds.check(e.getKey());
            Long other = owners.putIfAbsent(e.getValue(), id);
            if (other != null) {
                throw new IllegalArgumentException("nodes " + Math.min(id, other) + " and " + Math.max(id, other)
                        + " have the same public key; every node needs its own");
            }
            sorted.put(id, e.getValue());
        }
        return new ClusterKeys(Collections.unmodifiableNavigableMap(sorted));
    }

    /** The public key of {@code nodeId}, or empty if it is not a member. */
    public Optional<PublicKey> publicKey(long nodeId) {
        return Optional.ofNullable(keys.get(nodeId));
    }

    public boolean isMember(long nodeId) {
        return keys.containsKey(nodeId);
    }

    /** Member ids in ascending order. */
    public SortedSet<Long> memberIds() {
        return keys.navigableKeySet();
    }

    /** Members and keys in ascending id order. */
    public NavigableMap<Long, PublicKey> asMap() {
        return keys;
    }

    /** n: the number of members. */
    public int size() {
        return keys.size();
    }

    /** f: how many members may be faulty (Byzantine) without losing safety or liveness. */
    public int maxFaulty() {
        return (size() - 1) / 3;
    }

    /** How many distinct members' signatures make a quorum certificate (2f+1 when n = 3f+1). */
    public int quorumSize() {
        int n = size();
        int f = maxFaulty();
        return (n + f + 2) / 2;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClusterKeys other && keys.equals(other.keys);
    }

    @Override
    public int hashCode() {
        return keys.hashCode();
    }

    @Override
    public String toString() {
        return "ClusterKeys{n=" + size() + ", f=" + maxFaulty() + ", quorum=" + quorumSize() + ", members="
                + keys.keySet() + "}";
    }
}
