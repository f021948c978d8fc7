package io.synod.kv.node;

import io.grpc.BindableService;
import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.runtime.ConsensusProtocol;
import io.synod.kv.runtime.EngineFactory;
import io.synod.kv.runtime.GroupReplica;
import io.synod.kv.runtime.ReplicaConfig;
import io.synod.kv.runtime.ReplicaStatus;
import io.synod.kv.service.AdminGrpcService;
import io.synod.kv.service.KvGrpcService;
import io.synod.kv.service.LocalReplicas;
import io.synod.kv.service.NodeDirectory;
import io.synod.kv.service.PeerChannels;
import io.synod.kv.statemachine.store.LmdbStateStore;
import io.synod.kv.storage.lmdb.LmdbOptions;
import io.synod.kv.transport.HostedGroups;
import io.synod.kv.transport.grpc.EventLoops;
import io.synod.kv.transport.grpc.GrpcTransport;
import io.synod.kv.transport.grpc.GrpcTransportConfig;
import io.synod.kv.transport.grpc.NodeServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * One Synod node: a replica of group {@value #GROUP} over an LMDB log store in the data directory
 * and a durable state machine next to it (LMDB, or SQLite when configured),
 * a gRPC peer transport, and one port serving peers, KV clients, admin and (when enabled) test
 * fault injection. Started on an existing data directory it continues from its durable state.
 */
public final class SynodNode implements AutoCloseable {

    public static final long GROUP = LocalReplicas.DEFAULT_GROUP;
    private static final Logger LOG = LoggerFactory.getLogger(SynodNode.class);
    private static final int IO_THREADS = 2;
    private static final String GROUP_DIR = "group-" + GROUP;

    private final NodeConfig config;
    /** What to close, most recently started first. */
    private final Deque<AutoCloseable> resources;
    private final GroupReplica<?> replica;
    private final NodeServer server;
    private boolean closed;

    private SynodNode(NodeConfig config, Deque<AutoCloseable> resources, GroupReplica<?> replica, NodeServer server) {
        this.config = config;
        this.resources = resources;
        this.replica = replica;
        this.server = server;
    }

    /**
     * Opens the store, starts the replica and binds the port.
     *
     * @throws java.io.UncheckedIOException if the port cannot be bound
     * @throws IllegalStateException        if the data directory belongs to another node
     */
    public static SynodNode start(NodeConfig config) {
        return start(config, List.of());
    }

    /**
     * Like {@link #start(NodeConfig)}, also serving {@code extraServices} (e.g. the SQL gateway) on
     * the node's port. They are served until the node closes; their owner closes them after it.
     * Calls run on the server's I/O threads: a service must hand blocking work to its own executor.
     */
    public static SynodNode start(NodeConfig config, List<? extends BindableService> extraServices) {
        long id = config.nodeId();
        Path storeDir = config.dataDir().resolve(GROUP_DIR);
        LOG.info("node {}: starting in cluster '{}' on {} with data in {}; members {}", id, config.clusterId(),
                config.listenAddress(), storeDir, config.peers());
        Deque<AutoCloseable> resources = new ArrayDeque<>();
        try {
            EventLoops loops = EventLoops.create("synod-node-" + id, IO_THREADS);
            resources.push(loops);
            NodeDirectory directory = new NodeDirectory(config.peers());
            GrpcTransport transport = new GrpcTransport(
                    GrpcTransportConfig.defaults(config.clusterId(), id).withTestFaultsEnabled(config.testFaults()),
                    membersFrom(directory), config.peers(), loops);
            resources.push(transport);
            PeerChannels forwarding = new PeerChannels(directory);
            resources.push(forwarding);
            GroupDirectory storage = GroupDirectory.open(storeDir,
                    ConfState.ofVoters(List.copyOf(config.peers().keySet())), LmdbOptions.defaults().withNodeId(id),
                    config.stateStore(), LmdbStateStore.DEFAULT_MAP_SIZE_BYTES);
            GroupReplica<?> replica;
            try {
                ConsensusProtocol protocol = ConsensusProtocol.named(config.consensus());
                EngineFactory<?> engines = protocol.needsKeys()
                        ? pbftEngines(config)
                        : EngineFactory.forProtocol(protocol);
                replica = GroupReplica.start(replicaConfig(config), engines, storage, transport);
            } catch (RuntimeException e) {
                storage.close();
                throw e;
            }
            resources.push(replica);
            LocalReplicas local = new LocalReplicas(id);
            local.add(replica);
            List<BindableService> services = new ArrayList<>(List.of(transport.peerService(),
                    new KvGrpcService(local, directory, forwarding),
                    new AdminGrpcService(local, directory, forwarding),
                    new FaultGrpcService(id, transport.faults())));
            services.addAll(extraServices);
            NodeServer server = NodeServer.start(HostPort.parse(config.listenAddress()).socketAddress(), services,
                    GrpcTransportConfig.DEFAULT_MAX_MESSAGE_BYTES, loops);
            resources.push(server);
            LOG.info("node {}: serving on port {}{}", id, server.port(),
                    config.testFaults() ? " (test fault injection enabled)" : "");
            return new SynodNode(config, resources, replica, server);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    private static EngineFactory<?> pbftEngines(NodeConfig config) {
        PbftKeys keys = PbftKeys.load(config.dataDir(), config.nodeId());
        if (config.byzantine().isEmpty()) {
            return keys.engineFactory();
        }
        LOG.warn("node {}: TEST ONLY: this replica is Byzantine ({}); it misbehaves on purpose", config.nodeId(),
                config.byzantine().get());
        return ByzantineEngines.pbft(keys, config.byzantine().get());
    }

    private static ReplicaConfig replicaConfig(NodeConfig config) {
        return ReplicaConfig.defaults(config.nodeId(), GROUP)
                .withTicks(config.tickInterval(), config.electionTicks(), config.heartbeatTicks())
                .withSnapshotThreshold(config.snapshotThreshold());
    }

    /** Peers may send for group 1 if the directory knows them (membership changes add addresses there). */
    private static HostedGroups membersFrom(NodeDirectory directory) {
        return groupId -> groupId == GROUP ? Optional.of(directory.all().keySet()) : Optional.empty();
    }

    public NodeConfig config() {
        return config;
    }

    /** The port actually bound. */
    public int port() {
        return server.port();
    }

    public GroupReplica<?> replica() {
        return replica;
    }

    public ReplicaStatus status() {
        return replica.status().join();
    }

    /** Stops serving, then stops the replica (syncing and closing its store) and the transport. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("node {}: shutting down", config.nodeId());
        closeAll(resources);
        LOG.info("node {}: stopped", config.nodeId());
    }

    private static void closeAll(Deque<AutoCloseable> resources) {
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", resource.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
