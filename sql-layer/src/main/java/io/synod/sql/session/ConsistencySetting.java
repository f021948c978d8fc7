package io.synod.sql.session;

import io.synod.sql.kv.ReadConsistency;

import java.time.Duration;
import java.util.Locale;

/**
 * A session's read consistency: {@code linearizable} (every read sees every commit acknowledged
 * before it began) or {@code stale} with a staleness bound. Stale reads are used only by
 * read-only transactions (a read-only connection, {@code START TRANSACTION READ ONLY}, or an
 * autocommit query); a read-write transaction always reads linearizably, since a stale read
 * there would only make its commit fail.
 */
public record ConsistencySetting(boolean stale, Duration maxStaleness) {

    static final Duration DEFAULT_MAX_STALENESS = Duration.ofSeconds(5);
    static final ConsistencySetting DEFAULT = new ConsistencySetting(false, DEFAULT_MAX_STALENESS);

    /** This setting switched to {@code linearizable} or {@code stale} (any case), keeping its bound. */
    ConsistencySetting withLevel(String name) throws java.sql.SQLException {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "linearizable", "strong" -> new ConsistencySetting(false, maxStaleness);
            case "stale", "bounded_staleness", "bounded-staleness" -> new ConsistencySetting(true, maxStaleness);
            default -> throw SqlErrors.create(SqlStates.INVALID_PARAMETER_VALUE,
                    "unknown consistency '" + name + "': use 'linearizable' or 'stale'");
        };
    }

    static Duration parseStaleness(String millis) throws java.sql.SQLException {
        try {
            long ms = Long.parseLong(millis.strip());
            if (ms <= 0) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(ms);
        } catch (NumberFormatException e) {
            throw SqlErrors.create(SqlStates.INVALID_PARAMETER_VALUE,
                    "max_staleness_ms must be a positive number of milliseconds, not '" + millis + "'");
        }
    }

    ConsistencySetting withMaxStaleness(Duration bound) {
        return new ConsistencySetting(stale, bound);
    }

    /** The level a transaction reads at under this setting. */
    ReadConsistency forTransaction(boolean readOnly) {
        return stale && readOnly ? ReadConsistency.boundedStaleness(maxStaleness) : ReadConsistency.LINEARIZABLE;
    }

    String name() {
        return stale ? "stale" : "linearizable";
    }
}
