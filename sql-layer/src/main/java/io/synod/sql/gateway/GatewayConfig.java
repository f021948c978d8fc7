package io.synod.sql.gateway;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of one SQL gateway.
 *
 * @param gatewayId           names the gateway in responses and errors (the node id in a cluster)
 * @param maxConnections      open client connections beyond this are refused with SQLState 08004
 * @param maxStatements       open statements (all connections together) beyond this are refused with 53000
 * @param connectionIdleTimeout a connection unused this long is closed (its open transaction is lost)
 * @param statementIdleTimeout  a statement unused this long is closed (the driver re-prepares it)
 * @param workerThreads       threads executing requests (gRPC's own threads never block on SQL)
 * @param queueCapacity       requests waiting for a worker beyond this are refused with 53000
 */
public record GatewayConfig(String gatewayId, int maxConnections, int maxStatements,
                            Duration connectionIdleTimeout, Duration statementIdleTimeout,
                            int workerThreads, int queueCapacity) {

    public GatewayConfig {
        Objects.requireNonNull(gatewayId, "gatewayId");
        positive("maxConnections", maxConnections);
        positive("maxStatements", maxStatements);
        positive("workerThreads", workerThreads);
        positive("queueCapacity", queueCapacity);
        if (connectionIdleTimeout.isNegative() || connectionIdleTimeout.isZero()
                || statementIdleTimeout.isNegative() || statementIdleTimeout.isZero()) {
            throw new IllegalArgumentException("idle timeouts must be positive");
        }
    }

    /** 1,000 connections, 20,000 statements, idle connections closed after 10 min, statements after 5 min. */
    public static GatewayConfig defaults(String gatewayId) {
        return new GatewayConfig(gatewayId, 1_000, 20_000, Duration.ofMinutes(10), Duration.ofMinutes(5),
                Math.max(4, 4 * Runtime.getRuntime().availableProcessors()), 10_000);
    }

    public GatewayConfig withMaxConnections(int max) {
        return new GatewayConfig(gatewayId, max, maxStatements, connectionIdleTimeout, statementIdleTimeout,
                workerThreads, queueCapacity);
    }

    public GatewayConfig withIdleTimeouts(Duration connection, Duration statement) {
        return new GatewayConfig(gatewayId, maxConnections, maxStatements, connection, statement,
                workerThreads, queueCapacity);
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
