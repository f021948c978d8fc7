package io.synod.kv.transport.grpc;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The one gRPC port of a node. Peers, KV clients, admin and SQL clients all connect here; each
 * of them contributes a {@link BindableService}.
 *
 * <p>Calls run on the Netty I/O threads ({@code directExecutor}), which on this kind of machine
 * gives about five times the throughput of gRPC's default executor. The price: a service's
 * handlers must never block; anything slow is handed to the service's own executor.
 */
public final class NodeServer implements AutoCloseable {

    private static final long GRACE_MILLIS = 500;
    private static final long FORCED_WAIT_MILLIS = 2_000;

    private final Server server;

    private NodeServer(Server server) {
        this.server = server;
    }

    /**
     * Binds {@code address} (port 0 picks a free port, see {@link #port()}) and starts serving
     * {@code services}. Messages larger than {@code maxInboundMessageBytes} fail their call with
     * RESOURCE_EXHAUSTED without affecting other calls.
     *
     * @throws UncheckedIOException if the address cannot be bound
     */
    public static NodeServer start(InetSocketAddress address, List<? extends BindableService> services,
                                   int maxInboundMessageBytes, EventLoops loops) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(loops, "loops");
        if (maxInboundMessageBytes <= 0) {
            throw new IllegalArgumentException("maxInboundMessageBytes must be positive: " + maxInboundMessageBytes);
        }
        NettyServerBuilder builder = loops.configure(NettyServerBuilder.forAddress(address))
                .directExecutor()
                .maxInboundMessageSize(maxInboundMessageBytes)
                // Peers probe idle connections to notice a silently dead node.
                .permitKeepAliveTime(GrpcTransportConfig.KEEPALIVE_SECONDS / 2, TimeUnit.SECONDS);
        services.forEach(builder::addService);
        Server server = builder.build();
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
        return new NodeServer(server);
    }

    /** The port actually bound. */
    public int port() {
        return server.getPort();
    }

    /** Stops accepting calls, lets running calls finish briefly, then cancels the rest. */
    @Override
    public void close() {
        server.shutdown();
        try {
            if (!server.awaitTermination(GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                server.shutdownNow();
                server.awaitTermination(FORCED_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
