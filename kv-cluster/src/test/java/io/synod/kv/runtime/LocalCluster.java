package io.synod.kv.runtime;

import com.google.protobuf.ByteString;
import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.consensus.api.Role;
import io.synod.kv.statemachine.KvCommands;
import io.synod.kv.statemachine.KvStateMachine;
import io.synod.kv.statemachine.store.MemoryStateStore;
import io.synod.kv.statemachine.store.StateStore;
import io.synod.kv.node.GroupDirectory;
import io.synod.kv.node.StateStoreKind;
import io.synod.kv.storage.lmdb.LmdbLogStore;
import io.synod.kv.storage.lmdb.LmdbOptions;
import io.synod.kv.testing.Await;
import io.synod.proto.kv.KvCommand;
import io.synod.proto.kv.KvCommandResult;
import io.synod.proto.kv.KvQuery;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import java.util.function.UnaryOperator;
import java.util.stream.LongStream;

/**
 * A cluster of replicas of one group in this JVM: real threads, one LMDB store per node under
 * {@code dir}, an {@link InProcessTransport} between them. Nodes can be stopped and restarted
 * from their directories.
 */
final class LocalCluster implements AutoCloseable {

    static final long GROUP = 1;

    final InProcessTransport network;
    private final Path dir;
    private final ConfState members;
    private final UnaryOperator<ReplicaConfig> tuning;
    private final boolean durableState;
    private final EngineFactory<?> engines;
    private final LongFunction<StateStore> stateStores;
    private final Map<Long, GroupReplica<?>> replicas = new TreeMap<>();
    private final Map<Long, GroupDirectory> storages = new TreeMap<>();

    LocalCluster(Path dir, int size, UnaryOperator<ReplicaConfig> tuning) {
        this(new InProcessTransport(), dir, size, tuning, false);
    }

    LocalCluster(InProcessTransport network, Path dir, int size, UnaryOperator<ReplicaConfig> tuning) {
        this(network, dir, size, tuning, false);
    }

    /**
     * With {@code durableState} each node keeps its state machine in an LMDB state store next to
     * its log ({@link GroupDirectory}), which records damaged storage.
     */
    LocalCluster(InProcessTransport network, Path dir, int size, UnaryOperator<ReplicaConfig> tuning,
                 boolean durableState) {
        this(network, dir, size, tuning, durableState, EngineFactory.raft());
    }

    /** As above, with the replicas running the engines {@code engines} builds. */
    LocalCluster(InProcessTransport network, Path dir, int size, UnaryOperator<ReplicaConfig> tuning,
                 boolean durableState, EngineFactory<?> engines) {
        this(network, dir, size, tuning, durableState, engines, node -> new MemoryStateStore());
    }

    /** As above, node {@code n}'s state machine (without {@code durableState}) over {@code stateStores(n)}. */
    LocalCluster(InProcessTransport network, Path dir, int size, UnaryOperator<ReplicaConfig> tuning,
                 boolean durableState, EngineFactory<?> engines, LongFunction<StateStore> stateStores) {
        this.engines = engines;
        this.stateStores = stateStores;
        this.network = network;
        this.durableState = durableState;
        this.dir = dir;
        this.members = ConfState.ofVoters(LongStream.rangeClosed(1, size).boxed().toList());
        this.tuning = tuning;
        members.voters().forEach(this::start);
    }

    /** Fast timers for tests: a 10 ms tick, elections after 300-600 ms, heartbeats every 30 ms. */
    static ReplicaConfig testConfig(long nodeId) {
        return ReplicaConfig.defaults(nodeId, GROUP).withTicks(Duration.ofMillis(10), 30, 3);
    }

    synchronized void start(long nodeId) {
        if (durableState) {
            GroupDirectory storage = GroupDirectory.open(nodeDir(nodeId), members, options(nodeId),
                    StateStoreKind.LMDB, 256L << 20);
            storages.put(nodeId, storage);
            replicas.put(nodeId, GroupReplica.start(tuning.apply(testConfig(nodeId)), engines, storage,
                    network.endpoint(nodeId)));
            return;
        }
        LmdbLogStore store = LmdbLogStore.open(nodeDir(nodeId), members, options(nodeId));
        replicas.put(nodeId, GroupReplica.start(tuning.apply(testConfig(nodeId)), engines, store,
                new KvStateMachine(stateStores.apply(nodeId)), network.endpoint(nodeId)));
    }

    Path nodeDir(long nodeId) {
        return dir.resolve("node-" + nodeId);
    }

    private static LmdbOptions options(long nodeId) {
        return LmdbOptions.defaults().withMapSizeBytes(256L << 20).withNodeId(nodeId);
    }

    /** The log store a node with durable state currently uses. */
    synchronized LmdbLogStore logStore(long nodeId) {
        return storages.get(nodeId).logStore();
    }

    synchronized void stop(long nodeId) {
        replicas.remove(nodeId).close();
        storages.remove(nodeId);
    }

    synchronized GroupReplica<?> replica(long nodeId) {
        return replicas.get(nodeId);
    }

    synchronized List<Long> running() {
        return new ArrayList<>(replicas.keySet());
    }

    ReplicaStatus status(long nodeId) {
        return Await.result(replica(nodeId).status());
    }

    /** The running leader with the highest term, waiting up to 10 s for one. */
    long awaitLeader() {
        long[] found = new long[1];
        Await.until(Duration.ofSeconds(10), "a leader is elected", () -> {
            long bestTerm = -1;
            found[0] = 0;
            for (long id : running()) {
                ReplicaStatus s = status(id);
                if (s.engine().role() == Role.LEADER && s.engine().term() > bestTerm) {
                    bestTerm = s.engine().term();
                    found[0] = id;
                }
            }
            return found[0] != 0;
        });
        return found[0];
    }

    /** Proposes through whichever node leads, following hints and retrying retryable failures. */
    KvCommandResult write(KvCommand command) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        long target = running().get(0);
        while (true) {
            GroupReplica<?> replica = replica(target);
            try {
                if (replica == null) {
                    throw new NotLeaderException(0);
                }
                return Await.result(replica.propose(command));
            } catch (NotLeaderException e) {
                target = e.leaderHint() != 0 && replica(e.leaderHint()) != null ? e.leaderHint() : awaitLeader();
            } catch (RetryableException e) {
                Await.sleep(20);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("write not acknowledged in time");
            }
        }
    }

    KvCommandResult put(String key, String value) {
        return write(KvCommands.put(ByteString.copyFromUtf8(key), ByteString.copyFromUtf8(value)));
    }

    /** A linearizable get served by {@code nodeId}, retrying retryable failures. */
    KvCommandResult get(long nodeId, String key) {
        KvQuery query = KvCommands.getQuery(ByteString.copyFromUtf8(key));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try {
                return Await.result(replica(nodeId).read(query));
            } catch (RetryableException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("read not served in time", e);
                }
                Await.sleep(20);
            }
        }
    }

    /** Waits until every running replica applied the same state (same digest and applied index). */
    void awaitConverged(Duration timeout) {
        Await.until(timeout, "all running replicas have the same state", () -> {
            List<ReplicaStatus> all = running().stream().map(this::status).toList();
            ReplicaStatus first = all.get(0);
            return all.stream().allMatch(s -> s.stateDigest() == first.stateDigest()
                    && s.appliedIndex() == first.appliedIndex() && s.applyLag() == 0);
        });
    }

    @Override
    public synchronized void close() {
        replicas.values().forEach(GroupReplica::close);
        replicas.clear();
        storages.clear();
        network.close();
    }
}
