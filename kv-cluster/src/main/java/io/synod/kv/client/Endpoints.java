package io.synod.kv.client;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The nodes a client talks to: one channel per address, the leader when known, else the next
 * address in turn. Thread-safe.
 */
final class Endpoints implements AutoCloseable {

    private static final int MAX_MESSAGE_BYTES = 16 << 20;

    private final List<String> addresses;
    private final Map<String, ManagedChannel> channels = new HashMap<>();
    private String leader;
    private int next;
    private boolean closed;

    Endpoints(List<String> addresses) {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("at least one endpoint (host:port) is needed");
        }
        this.addresses = new ArrayList<>(addresses);
    }

    /** Where to send the next attempt: the known leader, else the next address in turn. */
    synchronized String pick() {
        return leader != null ? leader : addresses.get(next % addresses.size());
    }

    /** Remembers {@code address} as the leader (adding it to the endpoints if it is new). */
    synchronized void leaderIs(String address) {
        if (!addresses.contains(address)) {
            addresses.add(address);
        }
        leader = address;
    }

    /**
     * An attempt on {@code address} failed: stop preferring it and move on to the next address.
     * When the connection itself failed, replace its channel so the next attempt connects anew
     * instead of waiting out the old channel's reconnect backoff.
     */
    synchronized void failed(String address, boolean connectionFailed) {
        if (address.equals(leader)) {
            leader = null;
        }
        if (address.equals(addresses.get(next % addresses.size()))) {
            next++;
        }
        if (connectionFailed) {
            ManagedChannel old = channels.remove(address);
            if (old != null) {
                old.shutdown();
            }
        }
    }

    synchronized ManagedChannel channel(String address) {
        if (closed) {
            throw new KvException(KvException.Kind.CLOSED, "client is closed", null);
        }
        return channels.computeIfAbsent(address, a -> ManagedChannelBuilder.forTarget(a)
                .usePlaintext()
                // Answers complete the call's future on the I/O thread: one thread hand-off less
                // per call. What runs there (the retrier, waking the caller) never blocks.
                .directExecutor()
                .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                .build());
    }

    @Override
    public void close() {
        List<ManagedChannel> open;
        synchronized (this) {
            closed = true;
            open = new ArrayList<>(channels.values());
            channels.clear();
        }
        open.forEach(ManagedChannel::shutdownNow);
        for (ManagedChannel c : open) {
            try {
                c.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
