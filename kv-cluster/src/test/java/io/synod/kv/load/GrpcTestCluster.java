package io.synod.kv.load;

import com.google.protobuf.ByteString;
import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.consensus.api.Role;
import io.synod.kv.consensus.raft.RaftMessage;
import io.synod.kv.runtime.GroupReplica;
import io.synod.kv.runtime.NotLeaderException;
import io.synod.kv.runtime.ReplicaConfig;
import io.synod.kv.runtime.ReplicaStatus;
import io.synod.kv.runtime.RetryableException;
import io.synod.kv.statemachine.KvCommands;
import io.synod.kv.testing.Await;
import io.synod.kv.transport.HostedGroups;
import io.synod.kv.transport.grpc.GrpcTransportConfig;
import io.synod.proto.kv.KvCommand;
import io.synod.proto.kv.KvCommandResult;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.LongStream;

/**
 * Nodes 1..N in this JVM over real gRPC on 127.0.0.1 (test faults enabled), each hosting a
 * replica of every group in {@code groups} on one shared transport, with LMDB stores under
 * {@code dir/node-I/group-G}.
 */
final class GrpcTestCluster implements AutoCloseable {

    private final ConfState members;
    private final UnaryOperator<ReplicaConfig> tuning;
    private final Map<Long, GrpcTestNode> nodes = new TreeMap<>();

    GrpcTestCluster(Path dir, int size, Set<Long> groups, UnaryOperator<GrpcTransportConfig> transportTuning,
                    UnaryOperator<ReplicaConfig> tuning) {
        List<Long> ids = LongStream.rangeClosed(1, size).boxed().toList();
        this.members = ConfState.ofVoters(ids);
        this.tuning = tuning;
        Map<Long, Set<Long>> membership = new TreeMap<>();
        groups.forEach(g -> membership.put(g, Set.copyOf(ids)));
        try {
            for (long id : ids) {
                GrpcTransportConfig config = transportTuning.apply(
                        GrpcTransportConfig.defaults("load-test", id).withTestFaultsEnabled(true));
                nodes.put(id, new GrpcTestNode(id, dir.resolve("node-" + id), config, HostedGroups.of(membership)));
            }
            for (GrpcTestNode node : nodes.values()) {
                for (GrpcTestNode peer : nodes.values()) {
                    node.transport().setPeerAddress(peer.id(), peer.address());
                }
            }
            for (long group : groups) {
                for (long id : ids) {
                    startReplica(id, group);
                }
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Fast timers for tests: a 10 ms tick, elections after 300-600 ms, heartbeats every 30 ms. */
    static ReplicaConfig testConfig(long nodeId, long group) {
        return ReplicaConfig.defaults(nodeId, group).withTicks(Duration.ofMillis(10), 30, 3);
    }

    GrpcTestNode node(long id) {
        return nodes.get(id);
    }

    List<Long> ids() {
        return List.copyOf(nodes.keySet());
    }

    void startReplica(long nodeId, long group) {
        nodes.get(nodeId).startReplica(tuning.apply(testConfig(nodeId, group)), members);
    }

    GroupReplica<RaftMessage> replica(long nodeId, long group) {
        return nodes.get(nodeId).replica(group);
    }

    /** Node ids running a replica of {@code group}. */
    List<Long> running(long group) {
        return nodes.keySet().stream().filter(id -> replica(id, group) != null).toList();
    }

    ReplicaStatus status(long nodeId, long group) {
        return Await.result(replica(nodeId, group).status());
    }

    /** The running leader of {@code group} with the highest term, waiting up to 15 s for one. */
    long awaitLeader(long group) {
        long[] found = new long[1];
        Await.until(Duration.ofSeconds(15), "group " + group + " elects a leader", () -> {
            long bestTerm = -1;
            found[0] = 0;
            for (long id : running(group)) {
                ReplicaStatus s = status(id, group);
                if (s.engine().role() == Role.LEADER && s.engine().term() > bestTerm) {
                    bestTerm = s.engine().term();
                    found[0] = id;
                }
            }
            return found[0] != 0;
        });
        return found[0];
    }

    /** Proposes through whichever node leads {@code group}, following hints and retrying retryable failures. */
    KvCommandResult write(long group, KvCommand command) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        long target = awaitLeader(group);
        while (true) {
            GroupReplica<RaftMessage> replica = replica(target, group);
            try {
                if (replica == null) {
                    throw new NotLeaderException(0);
                }
                return Await.result(replica.propose(command));
            } catch (NotLeaderException e) {
                target = e.leaderHint() != 0 && replica(e.leaderHint(), group) != null ? e.leaderHint()
                        : awaitLeader(group);
            } catch (RetryableException e) {
                Await.sleep(20);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("write to group " + group + " not acknowledged in time");
            }
        }
    }

    KvCommandResult put(long group, String key, String value) {
        return write(group, KvCommands.put(ByteString.copyFromUtf8(key), ByteString.copyFromUtf8(value)));
    }

    /** A linearizable get of {@code key} in {@code group} served by {@code nodeId}, retrying retryable failures. */
    KvCommandResult get(long nodeId, long group, String key) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                return Await.result(replica(nodeId, group).read(KvCommands.getQuery(ByteString.copyFromUtf8(key))));
            } catch (RetryableException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("read not served in time", e);
                }
                Await.sleep(20);
            }
        }
    }

    /** Waits until every running replica of {@code group} applied the same state. */
    void awaitConverged(long group, Duration timeout) {
        Await.until(timeout, "all replicas of group " + group + " have the same state", () -> {
            List<ReplicaStatus> all = new ArrayList<>();
            for (long id : running(group)) {
                all.add(status(id, group));
            }
            ReplicaStatus first = all.get(0);
            return all.stream().allMatch(s -> s.stateDigest() == first.stateDigest()
                    && s.appliedIndex() == first.appliedIndex() && s.applyLag() == 0);
        });
    }

    @Override
    public void close() {
        nodes.values().forEach(GrpcTestNode::close);
    }
}
