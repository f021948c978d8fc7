package io.synod.kv.load;

import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.consensus.raft.RaftMessage;
import io.synod.kv.runtime.EngineFactory;
import io.synod.kv.runtime.GroupReplica;
import io.synod.kv.runtime.ReplicaConfig;
import io.synod.kv.statemachine.KvStateMachine;
import io.synod.kv.storage.lmdb.LmdbLogStore;
import io.synod.kv.storage.lmdb.LmdbOptions;
import io.synod.kv.transport.HostedGroups;
import io.synod.kv.transport.grpc.EventLoops;
import io.synod.kv.transport.grpc.GrpcTransport;
import io.synod.kv.transport.grpc.GrpcTransportConfig;
import io.synod.kv.transport.grpc.NodeServer;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One node in this JVM: a {@link GrpcTransport} served on a free 127.0.0.1 port and any number
 * of group replicas sharing it, each over its own LMDB store in {@code dataDir/group-G} and its
 * own {@link KvStateMachine}.
 */
final class GrpcTestNode implements AutoCloseable {

    private final long id;
    private final Path dataDir;
    private final EventLoops loops;
    private final GrpcTransport transport;
    private final NodeServer server;
    private final Map<Long, GroupReplica<RaftMessage>> replicas = new TreeMap<>();

    GrpcTestNode(long id, Path dataDir, GrpcTransportConfig config, HostedGroups groups) {
        this.id = id;
        this.dataDir = dataDir;
        this.loops = EventLoops.create("test-node-" + id, 1);
        this.transport = new GrpcTransport(config, groups, Map.of(), loops);
        try {
            this.server = NodeServer.start(new InetSocketAddress("127.0.0.1", 0), List.of(transport.peerService()),
                    config.maxMessageBytes(), loops);
        } catch (RuntimeException e) {
            transport.close();
            loops.close();
            throw e;
        }
    }

    long id() {
        return id;
    }

    String address() {
        return "127.0.0.1:" + server.port();
    }

    GrpcTransport transport() {
        return transport;
    }

    /** Starts (or restarts from its store) this node's replica of {@code config.groupId()}. */
    synchronized GroupReplica<RaftMessage> startReplica(ReplicaConfig config, ConfState members) {
        long group = config.groupId();
        if (replicas.containsKey(group)) {
            throw new IllegalStateException("node " + id + " already runs a replica of group " + group);
        }
        LmdbLogStore store = LmdbLogStore.open(dataDir.resolve("group-" + group), members,
                LmdbOptions.defaults().withMapSizeBytes(512L << 20).withNodeId(id));
        GroupReplica<RaftMessage> replica;
        try {
            replica = GroupReplica.start(config, EngineFactory.raft(), store, new KvStateMachine(), transport);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        replicas.put(group, replica);
        return replica;
    }

    /** Stops this node's replica of {@code group}; the node keeps serving its other groups. */
    synchronized void stopReplica(long group) {
        GroupReplica<RaftMessage> replica = replicas.remove(group);
        if (replica != null) {
            replica.close();
        }
    }

    synchronized GroupReplica<RaftMessage> replica(long group) {
        return replicas.get(group);
    }

    @Override
    public synchronized void close() {
        replicas.values().forEach(GroupReplica::close);
        replicas.clear();
        transport.close();
        server.close();
        loops.close();
    }
}
