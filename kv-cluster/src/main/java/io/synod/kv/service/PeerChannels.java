package io.synod.kv.service;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One cached client channel per other node, for forwarding requests to a group's leader. A
 * channel is rebuilt when the node's address in the {@link NodeDirectory} changes. Thread-safe.
 */
public final class PeerChannels implements AutoCloseable {

    /** Large enough for a maximal batch (8 MiB of keys and values) plus framing. */
    static final int MAX_MESSAGE_BYTES = 16 << 20;

    private record Cached(String address, ManagedChannel channel) {
    }

    private final NodeDirectory directory;
    private final Map<Long, Cached> channels = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public PeerChannels(NodeDirectory directory) {
        this.directory = directory;
    }

    /** The channel to {@code nodeId}, or empty if its address is unknown or this is closed. */
    public Optional<ManagedChannel> channel(long nodeId) {
        Optional<String> address = directory.address(nodeId);
        if (address.isEmpty() || closed) {
            return Optional.empty();
        }
        Cached cached = channels.compute(nodeId, (id, old) -> {
            if (old != null && old.address().equals(address.get())) {
                return old;
            }
            if (old != null) {
                old.channel().shutdown();
            }
            return new Cached(address.get(), ManagedChannelBuilder.forTarget(address.get())
                    .usePlaintext()
                    .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                    .build());
        });
        return Optional.of(cached.channel());
    }

    @Override
    public void close() {
        closed = true;
        channels.values().forEach(c -> c.channel().shutdownNow());
        for (Cached c : channels.values()) {
            try {
                c.channel().awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        channels.clear();
    }
}
