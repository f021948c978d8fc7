package io.synod.kv.transport.grpc;

import io.synod.kv.consensus.api.EngineMessage;
import io.synod.kv.consensus.raft.RaftMessage;
import io.synod.kv.transport.HostedGroups;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/** One node's event loops, transport and server on 127.0.0.1, closed together. */
final class TestNode implements AutoCloseable {

    final EventLoops loops;
    final GrpcTransport transport;
    final NodeServer server;
    private final Map<Long, ConcurrentLinkedQueue<RaftMessage>> inboxes = new ConcurrentHashMap<>();

    private TestNode(GrpcTransportConfig config, HostedGroups membership, Map<Long, String> peers, int port) {
        loops = EventLoops.create("node-" + config.localNodeId(), 1);
        transport = new GrpcTransport(config, membership, peers, loops);
        NodeServer started;
        try {
            started = NodeServer.start(new InetSocketAddress("127.0.0.1", port), List.of(transport.peerService()),
                    config.maxMessageBytes(), loops);
        } catch (RuntimeException e) {
            transport.close();
            loops.close();
            throw e;
        }
        server = started;
    }

    /** Starts a node on a free port. */
    static TestNode start(GrpcTransportConfig config, HostedGroups membership, Map<Long, String> peers) {
        return new TestNode(config, membership, peers, 0);
    }

    static TestNode startOnPort(GrpcTransportConfig config, HostedGroups membership, Map<Long, String> peers,
                                int port) {
        return new TestNode(config, membership, peers, port);
    }

    String address() {
        return "127.0.0.1:" + server.port();
    }

    long id() {
        return transport.localNodeId();
    }

    /** Collects every message of {@code groupId} in {@link #inbox}. */
    void listen(long groupId) {
        ConcurrentLinkedQueue<RaftMessage> inbox = inbox(groupId);
        transport.register(groupId, m -> inbox.add((RaftMessage) m));
    }

    void listen(long groupId, Consumer<EngineMessage> handler) {
        transport.register(groupId, handler);
    }

    ConcurrentLinkedQueue<RaftMessage> inbox(long groupId) {
        return inboxes.computeIfAbsent(groupId, g -> new ConcurrentLinkedQueue<>());
    }

    @Override
    public void close() {
        transport.close();
        server.close();
        loops.close();
    }
}
