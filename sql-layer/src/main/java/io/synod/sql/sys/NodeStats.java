package io.synod.sql.sys;

/**
 * A node's recent activity: entries applied per second, and request latency percentiles in
 * milliseconds over the last {@code samples} observations (NaN when there were none).
 */
public record NodeStats(long nodeId, double appliedPerSecond, double latencyP50Ms, double latencyP99Ms,
                        double latencyMaxMs, long samples) {
}
