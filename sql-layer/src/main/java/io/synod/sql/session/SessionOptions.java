package io.synod.sql.session;

import io.synod.sql.kv.SqlKv;

import java.sql.SQLException;
import java.time.Clock;
import java.util.Properties;

/**
 * A connection's options from its JDBC properties: {@code user}, {@code consistency}
 * ({@code linearizable} or {@code stale}) and {@code max_staleness_ms}. Invalid values fail the
 * connect with SQLState 22023 rather than being ignored.
 */
public record SessionOptions(String user, ConsistencySetting consistency) {

    public static final String USER = "user";
    public static final String CONSISTENCY = "consistency";
    public static final String MAX_STALENESS_MS = "max_staleness_ms";

    public static SessionOptions from(Properties properties) throws SQLException {
        ConsistencySetting setting = ConsistencySetting.DEFAULT;
        String staleness = properties.getProperty(MAX_STALENESS_MS);
        if (staleness != null) {
            setting = setting.withMaxStaleness(ConsistencySetting.parseStaleness(staleness));
        }
        String level = properties.getProperty(CONSISTENCY);
        if (level != null) {
            setting = setting.withLevel(level);
        }
        return new SessionOptions(properties.getProperty(USER), setting);
    }

    public SynodSession newSession(long connectionId, SqlKv kv, Clock clock) {
        return new SynodSession(connectionId, user, kv, consistency, clock);
    }
}
