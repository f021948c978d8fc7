package io.synod.jdbc.transport;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * gRPC channels to gateways, shared by all connections of this driver to the same address and
 * closed when the last of them is released. A pool of JDBC connections thus uses one HTTP/2
 * connection per gateway, not one per JDBC connection.
 */
final class ChannelPool {

    /** Client keepalive pings find a silently dead gateway; servers permit one every 5 s. */
    private static final long KEEPALIVE_SECONDS = 10;
    private static final int MAX_INBOUND_MESSAGE_BYTES = 64 * 1024 * 1024;

    private static final Map<String, Shared> CHANNELS = new HashMap<>();

    private ChannelPool() {
    }

    private static final class Shared {
        final ManagedChannel channel;
        int users;

        Shared(ManagedChannel channel) {
            this.channel = channel;
        }
    }

    static synchronized ManagedChannel acquire(String address) {
        Shared shared = CHANNELS.computeIfAbsent(address, a -> new Shared(NettyChannelBuilder.forTarget(a)
                .usePlaintext()
                .directExecutor()
                .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
                .keepAliveTime(KEEPALIVE_SECONDS, TimeUnit.SECONDS)
                .keepAliveTimeout(KEEPALIVE_SECONDS, TimeUnit.SECONDS)
                .keepAliveWithoutCalls(false)
                .build()));
        shared.users++;
        return shared.channel;
    }

    static synchronized void release(String address) {
        Shared shared = CHANNELS.get(address);
        if (shared != null && --shared.users == 0) {
            CHANNELS.remove(address);
            shared.channel.shutdownNow();
        }
    }
}
