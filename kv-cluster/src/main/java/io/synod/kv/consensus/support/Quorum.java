package io.synod.kv.consensus.support;

import java.util.Arrays;
import java.util.Collection;
import java.util.function.LongPredicate;
import java.util.function.LongUnaryOperator;

/** Majority arithmetic over a set of voters; the leader is one of them when it votes. */
public final class Quorum {

    private Quorum() {
    }

    /** Votes a decision among {@code voters} needs: a strict majority. */
    public static int size(int voters) {
        return voters / 2 + 1;
    }

    /**
     * The largest value held by a quorum of {@code voters}, where {@code selfId} contributes
     * {@code selfValue} (only if it is a voter) and every other voter {@code peerValue} of its id.
     * 0 when there are no voters.
     */
    public static long value(Collection<Long> voters, long selfId, long selfValue, LongUnaryOperator peerValue) {
        if (voters.isEmpty()) {
            return 0;
        }
        long[] values = voters.stream().mapToLong(v -> v == selfId ? selfValue : peerValue.applyAsLong(v)).toArray();
        Arrays.sort(values);
        return values[values.length - size(values.length)];
    }

    /** Whether a quorum of {@code voters} is active, {@code selfId} always counting as active. */
    public static boolean active(Collection<Long> voters, long selfId, LongPredicate peerActive) {
        long active = voters.stream().filter(v -> v == selfId || peerActive.test(v)).count();
        return active >= size(voters.size());
    }
}
