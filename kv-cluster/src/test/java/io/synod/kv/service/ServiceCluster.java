package io.synod.kv.service;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.consensus.api.Role;
import io.synod.kv.runtime.EngineFactory;
import io.synod.kv.runtime.GroupReplica;
import io.synod.kv.runtime.InProcessTransport;
import io.synod.kv.runtime.ReplicaConfig;
import io.synod.kv.runtime.ReplicaStatus;
import io.synod.kv.statemachine.KvStateMachine;
import io.synod.kv.storage.lmdb.LmdbLogStore;
import io.synod.kv.storage.lmdb.LmdbOptions;

import io.synod.kv.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import java.util.stream.LongStream;

/**
 * Nodes of one group in this JVM, each a real gRPC server on 127.0.0.1 (KV and admin services)
 * over a replica with its own LMDB store; replicas talk through an {@link InProcessTransport}.
 * Each node has its own {@link NodeDirectory}, filled with every node's address at start.
 */
final class ServiceCluster implements AutoCloseable {

    static final long GROUP = 1;

    private final class Node {
        final long id;
        final GroupReplica<?> replica;
        final NodeDirectory directory = new NodeDirectory();
        final PeerChannels peers = new PeerChannels(directory);
        final Server server;

        Node(long id, ConfState bootstrap) {
            this.id = id;
            LmdbLogStore store = LmdbLogStore.open(dir.resolve("node-" + id), bootstrap,
                    LmdbOptions.defaults().withMapSizeBytes(256L << 20).withNodeId(id));
            ReplicaConfig config = ReplicaConfig.defaults(id, GROUP).withTicks(Duration.ofMillis(10), 30, 3);
            this.replica = GroupReplica.start(config, engines.apply(id), store, new KvStateMachine(),
                    network.endpoint(id));
            LocalReplicas local = new LocalReplicas(id);
            local.add(replica);
            try {
                this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                        .addService(new KvGrpcService(local, directory, peers))
                        .addService(new AdminGrpcService(local, directory, peers))
                        .maxInboundMessageSize(PeerChannels.MAX_MESSAGE_BYTES)
                        .build()
                        .start();
            } catch (IOException e) {
                replica.close();
                throw new UncheckedIOException(e);
            }
        }

        String address() {
            return "127.0.0.1:" + server.getPort();
        }

        void stop() {
            server.shutdownNow();
            try {
                server.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            peers.close();
            replica.close();
        }
    }

    final InProcessTransport network = new InProcessTransport();
    private final Path dir;
    private final LongFunction<EngineFactory<?>> engines;
    private final ConfState initial;
    private final Map<Long, Node> nodes = new TreeMap<>();
    /** Every address ever handed out, kept after a node stops so clients can still try it. */
    private final Map<Long, String> addresses = new TreeMap<>();

    ServiceCluster(Path dir, int size) {
        this(dir, size, id -> EngineFactory.raft());
    }

    /** @param engines each node's consensus engine factory, by node id */
    ServiceCluster(Path dir, int size, LongFunction<EngineFactory<?>> engines) {
        this.dir = dir;
        this.engines = engines;
        this.initial = ConfState.ofVoters(LongStream.rangeClosed(1, size).boxed().toList());
        for (long id : initial.voters()) {
            Node n = new Node(id, initial);
            nodes.put(id, n);
            addresses.put(id, n.address());
        }
        for (Node n : nodes.values()) {
            addresses.forEach(n.directory::put);
        }
    }

    /** Starts a node that is not a member yet (bootstrapped like the others); returns its address. */
    synchronized String startJoining(long id) {
        Node n = new Node(id, initial);
        nodes.put(id, n);
        addresses.put(id, n.address());
        addresses.forEach(n.directory::put);
        return n.address();
    }

    synchronized void stop(long id) {
        nodes.remove(id).stop();
    }

    synchronized String address(long id) {
        return addresses.get(id);
    }

    synchronized List<String> addresses() {
        return new ArrayList<>(addresses.values());
    }

    synchronized GroupReplica<?> replica(long id) {
        return nodes.get(id).replica;
    }

    synchronized List<Long> running() {
        return new ArrayList<>(nodes.keySet());
    }

    ReplicaStatus status(long id) {
        return replica(id).status().join();
    }

    /** The running leader with the highest term, waiting up to 10 s for one. */
    long awaitLeader() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() - deadline < 0) {
            long best = 0;
            long bestTerm = -1;
            for (long id : running()) {
                ReplicaStatus s = status(id);
                if (s.engine().role() == Role.LEADER && s.engine().term() > bestTerm) {
                    best = id;
                    bestTerm = s.engine().term();
                }
            }
            if (best != 0) {
                return best;
            }
            Await.sleep(20);
        }
        throw new AssertionError("no leader elected in 10 s");
    }

    long someFollower(long leader) {
        return running().stream().filter(id -> id != leader).findFirst().orElseThrow();
    }

    @Override
    public synchronized void close() {
        nodes.values().forEach(Node::stop);
        nodes.clear();
        network.close();
    }
}
