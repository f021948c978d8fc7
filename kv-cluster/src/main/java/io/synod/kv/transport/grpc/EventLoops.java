package io.synod.kv.transport.grpc;

import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;

import java.util.concurrent.TimeUnit;

/**
 * The few Netty I/O threads one node uses for its server and all its outbound channels, instead
 * of gRPC's default of two threads per core per builder. Owned by whoever builds the node: close
 * it after the {@link NodeServer} and {@link GrpcTransport} that use it.
 */
public final class EventLoops implements AutoCloseable {

    private static final long SHUTDOWN_WAIT_MILLIS = 2_000;

    private final EventLoopGroup acceptor;
    private final EventLoopGroup workers;

    private EventLoops(String name, int workerThreads) {
        this.acceptor = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory(name + "-accept", true), NioIoHandler.newFactory());
        this.workers = new MultiThreadIoEventLoopGroup(workerThreads,
                new DefaultThreadFactory(name + "-io", true), NioIoHandler.newFactory());
    }

    /** One acceptor thread and {@code workerThreads} I/O threads, all daemons named after {@code name}. */
    public static EventLoops create(String name, int workerThreads) {
        if (workerThreads <= 0) {
            throw new IllegalArgumentException("workerThreads must be positive: " + workerThreads);
        }
        return new EventLoops(name, workerThreads);
    }

    NettyServerBuilder configure(NettyServerBuilder builder) {
        return builder.bossEventLoopGroup(acceptor).workerEventLoopGroup(workers)
                .channelType(NioServerSocketChannel.class);
    }

    NettyChannelBuilder configure(NettyChannelBuilder builder) {
        return builder.eventLoopGroup(workers).channelType(NioSocketChannel.class);
    }

    /** Stops the threads, waiting a bounded time for them to finish. */
    @Override
    public void close() {
        acceptor.shutdownGracefully(0, SHUTDOWN_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        workers.shutdownGracefully(0, SHUTDOWN_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        try {
            acceptor.awaitTermination(SHUTDOWN_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            workers.awaitTermination(SHUTDOWN_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
