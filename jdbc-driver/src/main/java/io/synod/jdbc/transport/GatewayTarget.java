package io.synod.jdbc.transport;

import io.grpc.Channel;

import java.util.List;

/** The gateways one connection may use, in failover order, each behind a gRPC channel. */
public interface GatewayTarget extends AutoCloseable {

    /** Names for messages ("host:port", "mem:x"); index i names channel(i). */
    List<String> names();

    Channel channel(int index);

    /** Before trying gateway {@code index} again: reconnect now rather than after gRPC's reconnect backoff. */
    void reconnectNow(int index);

    /** Releases the channels (shared ones stay open while other connections use them). */
    @Override
    void close();
}
