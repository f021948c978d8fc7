package io.synod.sql.kv;

import java.time.Duration;
import java.util.Objects;

/**
 * How fresh a read must be: {@link #LINEARIZABLE} sees every commit acknowledged before the
 * read started; {@link Level#LEASE} trusts the leader's lease instead of a heartbeat round;
 * {@link #boundedStaleness(Duration)} may miss commits acknowledged less than {@code maxStaleness}
 * ago and is served by any replica. Transactions stay serializable at every level: a stale read
 * makes the commit fail its condition rather than commit on old data.
 */
public record ReadConsistency(Level level, Duration maxStaleness) {

    public enum Level { LINEARIZABLE, LEASE, BOUNDED_STALENESS }

    public static final ReadConsistency LINEARIZABLE = new ReadConsistency(Level.LINEARIZABLE, Duration.ZERO);

    public ReadConsistency {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(maxStaleness, "maxStaleness");
        if (maxStaleness.isNegative()) {
            throw new IllegalArgumentException("negative staleness bound: " + maxStaleness);
        }
        if (level != Level.BOUNDED_STALENESS && !maxStaleness.isZero()) {
            throw new IllegalArgumentException("a staleness bound needs BOUNDED_STALENESS, not " + level);
        }
    }

    public static ReadConsistency boundedStaleness(Duration maxStaleness) {
        return new ReadConsistency(Level.BOUNDED_STALENESS, maxStaleness);
    }
}
