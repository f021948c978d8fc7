package io.synod.kv.client;

import io.synod.proto.kv.ReadConsistency;

import java.time.Duration;
import java.util.Objects;

/**
 * How fresh a read must be. LINEARIZABLE (the default) sees every write acknowledged before the
 * read started; LEASE trusts the leader's lease instead of a heartbeat round (correct while
 * clocks drift less than the lease margin); BOUNDED_STALENESS may miss writes acknowledged
 * less than {@code maxStaleness} ago, and is served by any replica.
 */
public record Consistency(ReadConsistency level, Duration maxStaleness) {

    public static final Consistency LINEARIZABLE = new Consistency(ReadConsistency.LINEARIZABLE, Duration.ZERO);
    public static final Consistency LEASE = new Consistency(ReadConsistency.LEASE, Duration.ZERO);

    public Consistency {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(maxStaleness, "maxStaleness");
        if (level == ReadConsistency.UNRECOGNIZED || maxStaleness.isNegative()) {
            throw new IllegalArgumentException("invalid read consistency " + level + " / " + maxStaleness);
        }
    }

    public static Consistency boundedStaleness(Duration maxStaleness) {
        return new Consistency(ReadConsistency.BOUNDED_STALENESS, maxStaleness);
    }
}
