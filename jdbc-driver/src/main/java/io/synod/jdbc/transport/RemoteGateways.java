package io.synod.jdbc.transport;

import io.grpc.Channel;
import io.grpc.ManagedChannel;

import java.util.ArrayList;
import java.util.List;

/** Gateways on other hosts, reached over pooled gRPC channels. */
public final class RemoteGateways implements GatewayTarget {

    private final List<String> addresses;
    private final List<ManagedChannel> channels;
    private boolean closed;

    /** @param addresses "host:port" items; the caller has checked their syntax */
    public RemoteGateways(List<String> addresses) {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("no gateway addresses");
        }
        this.addresses = List.copyOf(addresses);
        this.channels = new ArrayList<>();
        for (String address : this.addresses) {
            channels.add(ChannelPool.acquire(address));
        }
    }

    @Override
    public List<String> names() {
        return addresses;
    }

    @Override
    public Channel channel(int index) {
        return channels.get(index);
    }

    @Override
    public void reconnectNow(int index) {
        channels.get(index).resetConnectBackoff();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            addresses.forEach(ChannelPool::release);
        }
    }
}
