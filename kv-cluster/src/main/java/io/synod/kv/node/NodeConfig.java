package io.synod.kv.node;

import io.synod.kv.runtime.ConsensusProtocol;
import io.synod.kv.sim.ByzantineReplica;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything one {@link SynodNode} needs to start.
 *
 * @param nodeId            this node's id (positive)
 * @param listenAddress     "host:port" the node serves peers, KV clients and admin on
 * @param clusterId         written into every peer message; nodes of another cluster are refused
 * @param peers             every member's address by node id (this node's own entry may be
 *                          included; it is replaced by {@code listenAddress}); the initial
 *                          voters of a new cluster are these ids and this node's
 * @param dataDir           where the node keeps its log, hard state and snapshots; a node
 *                          restarted on the same directory continues from its durable state
 * @param consensus         the consensus protocol: "raft", "multipaxos" or "pbft"
 * @param tickInterval      the engine's clock period
 * @param electionTicks     ticks of silence before a follower stands for election
 * @param heartbeatTicks    ticks between a leader's heartbeats
 * @param snapshotThreshold compact the log after this many applied entries
 * @param testFaults        whether the fault-injection RPC is accepted (tests and tools only)
 * @param stateStore        where the state machine keeps its state under the data directory
 * @param byzantine         test-only fault injection: how this PBFT replica misbehaves (empty:
 *                          it does not); refused unless {@code testFaults} is set too
 */
public record NodeConfig(
        long nodeId,
        String listenAddress,
        String clusterId,
        SortedMap<Long, String> peers,
        Path dataDir,
        String consensus,
        Duration tickInterval,
        int electionTicks,
        int heartbeatTicks,
        long snapshotThreshold,
        boolean testFaults,
        StateStoreKind stateStore,
        Optional<ByzantineReplica.Behavior> byzantine) {

    public static final String DEFAULT_CLUSTER_ID = "synod";

    public NodeConfig {
        Objects.requireNonNull(listenAddress, "listenAddress");
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(consensus, "consensus");
        Objects.requireNonNull(tickInterval, "tickInterval");
        Objects.requireNonNull(stateStore, "stateStore");
        Objects.requireNonNull(byzantine, "byzantine");
        if (nodeId <= 0) {
            throw new IllegalArgumentException("node id must be positive, got " + nodeId);
        }
        HostPort.parse(listenAddress);
        if (clusterId.isBlank()) {
            throw new IllegalArgumentException("cluster id must not be empty");
        }
        TreeMap<Long, String> copy = new TreeMap<>();
        for (Map.Entry<Long, String> e : peers.entrySet()) {
            if (e.getKey() <= 0) {
                throw new IllegalArgumentException("peer id must be positive, got " + e.getKey());
            }
            HostPort.parse(e.getValue());
            copy.put(e.getKey(), e.getValue());
        }
        copy.put(nodeId, listenAddress);
        peers = Collections.unmodifiableSortedMap(copy);
        ConsensusProtocol.named(consensus);
        if (tickInterval.isNegative() || tickInterval.isZero()) {
            throw new IllegalArgumentException("tick interval must be positive, got " + tickInterval);
        }
        if (heartbeatTicks <= 0 || electionTicks <= heartbeatTicks) {
            throw new IllegalArgumentException("need 0 < heartbeat ticks < election ticks, got "
                    + heartbeatTicks + " and " + electionTicks);
        }
        if (snapshotThreshold <= 0) {
            throw new IllegalArgumentException("snapshot threshold must be positive, got " + snapshotThreshold);
        }
        if (byzantine.isPresent() && (!testFaults || !ConsensusProtocol.named(consensus).needsKeys())) {
            throw new IllegalArgumentException("a Byzantine replica is for tests of PBFT only: it needs --consensus "
                    + ConsensusProtocol.PBFT.configName() + " and --test-faults");
        }
    }

    /** A Raft node with the runtime's default timing: 20 ms ticks, elections after 1-2 s, heartbeats every 100 ms. */
    public static NodeConfig of(long nodeId, String listenAddress, Map<Long, String> peers, Path dataDir) {
        return new NodeConfig(nodeId, listenAddress, DEFAULT_CLUSTER_ID, new TreeMap<>(peers), dataDir, ConsensusProtocol.RAFT.configName(),
                Duration.ofMillis(20), 50, 5, 10_000, false, StateStoreKind.LMDB, Optional.empty());
    }

    public NodeConfig withClusterId(String id) {
        return new NodeConfig(nodeId, listenAddress, id, peers, dataDir, consensus, tickInterval, electionTicks,
                heartbeatTicks, snapshotThreshold, testFaults, stateStore, byzantine);
    }

    public NodeConfig withConsensus(String protocol) {
        return new NodeConfig(nodeId, listenAddress, clusterId, peers, dataDir, protocol, tickInterval, electionTicks,
                heartbeatTicks, snapshotThreshold, testFaults, stateStore, byzantine);
    }

    public NodeConfig withTicks(Duration interval, int election, int heartbeat) {
        return new NodeConfig(nodeId, listenAddress, clusterId, peers, dataDir, consensus, interval, election,
                heartbeat, snapshotThreshold, testFaults, stateStore, byzantine);
    }

    public NodeConfig withSnapshotThreshold(long entries) {
        return new NodeConfig(nodeId, listenAddress, clusterId, peers, dataDir, consensus, tickInterval, electionTicks,
                heartbeatTicks, entries, testFaults, stateStore, byzantine);
    }

    public NodeConfig withTestFaults(boolean enabled) {
        return new NodeConfig(nodeId, listenAddress, clusterId, peers, dataDir, consensus, tickInterval, electionTicks,
                heartbeatTicks, snapshotThreshold, enabled, stateStore, byzantine);
    }

    public NodeConfig withStateStore(StateStoreKind kind) {
        return new NodeConfig(nodeId, listenAddress, clusterId, peers, dataDir, consensus, tickInterval, electionTicks,
                heartbeatTicks, snapshotThreshold, testFaults, kind, byzantine);
    }

    /** Test-only: this replica misbehaves as {@code behavior} (see {@link ByzantineReplica}). */
    public NodeConfig withByzantine(Optional<ByzantineReplica.Behavior> behavior) {
        return new NodeConfig(nodeId, listenAddress, clusterId, peers, dataDir, consensus, tickInterval, electionTicks,
                heartbeatTicks, snapshotThreshold, testFaults, stateStore, behavior);
    }
}
