package io.synod.kv.consensus;

import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.consensus.api.ConsensusEngine;
import io.synod.kv.consensus.api.EngineConfig;
import io.synod.kv.consensus.api.EngineMessage;
import io.synod.kv.consensus.api.EntryType;
import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.api.RandomSource;
import io.synod.kv.consensus.api.ReadState;
import io.synod.kv.consensus.api.Ready;
import io.synod.kv.consensus.api.Role;
import io.synod.kv.storage.mem.MemoryLogStore;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A tiny synchronous network of engines of one protocol over MemoryLogStores for unit tests:
 * messages are queued and delivered in order; links can be cut, nodes isolated, messages
 * filtered. Election order is controlled through each node's randomized timeout offset.
 *
 * @param <M> the protocol's messages
 * @param <E> the engine under test
 */
public class EngineTestCluster<M extends EngineMessage, E extends ConsensusEngine<M>> {

    public static final int ELECTION = 10;
    public static final int HEARTBEAT = 1;

    /** One replica: its durable store, engine, and what it applied. */
    public final class Node {
        public final long id;
        public MemoryLogStore store;
        public E engine;
        public final List<LogEntry> applied = new ArrayList<>();
        public final List<ReadState> readStates = new ArrayList<>();
        public final List<Ready<M>> readies = new ArrayList<>();
        public boolean down;

        Node(long id) {
            this.id = id;
        }

        public List<byte[]> appliedCommands() {
            List<byte[]> out = new ArrayList<>();
            applied.stream().filter(e -> e.type() == EntryType.NORMAL).forEach(e -> out.add(e.data()));
            return out;
        }

        public long appliedIndex() {
            return applied.isEmpty() ? store.snapshotMeta().index() : applied.get(applied.size() - 1).index();
        }
    }

    public final Map<Long, Node> nodes = new TreeMap<>();
    public final ArrayDeque<M> inFlight = new ArrayDeque<>();
    public final List<M> delivered = new ArrayList<>();
    private final Set<List<Long>> cutLinks = new HashSet<>();
    private Function<M, M> interceptor = m -> m;
    private final Function<Long, EngineConfig> configFor;
    private final Function<EngineConfig, E> engines;

    /** Nodes whose election timeout is the shortest win the first election. */
    protected EngineTestCluster(ConfState members, Map<Long, Integer> timeoutOffsets,
            Function<EngineConfig, EngineConfig> tweak, Function<EngineConfig, E> engines) {
        this.engines = engines;
        this.configFor = id -> tweak.apply(new EngineConfig(id, nodes.get(id).store,
                fixedRandom(timeoutOffsets.getOrDefault(id, (int) Math.max(1, ELECTION - id))), nodes.get(id).applied.isEmpty()
                        ? 0 : nodes.get(id).appliedIndex(),
                ELECTION, HEARTBEAT, true, true, false, 8, 1 << 16, 1 << 20, 1024, nodes.get(id).store.repairFloor()));
        for (long id : members.voters()) {
            add(id, members);
        }
        for (long id : members.learners()) {
            add(id, members);
        }
    }

    protected static ConfState voters(long... voters) {
        List<Long> ids = new ArrayList<>();
        for (long v : voters) {
            ids.add(v);
        }
        return ConfState.ofVoters(ids);
    }

    public static EngineConfig limits(EngineConfig c, int inflight, int bytesPerMessage, long uncommittedBytes, int chunk) {
        return new EngineConfig(c.id(), c.log(), c.random(), c.appliedIndex(), c.electionTicks(), c.heartbeatTicks(),
                c.preVote(), c.checkQuorum(), c.leaseReads(), inflight, bytesPerMessage, uncommittedBytes, chunk,
                c.repairFloor());
    }

    /** The configuration node {@code id} starts (or restarts) its engine with, over its current store. */
    protected EngineConfig config(long id) {
        return configFor.apply(id);
    }

    /** Ticks only {@code id} (stabilizing after each tick) until it leads. */
    public void tickUntilLeader(long id) {
        for (int i = 0; i < 4 * ELECTION; i++) {
            if (engine(id).status().role() == Role.LEADER) {
                return;
            }
            tick(id);
            stabilize();
        }
        throw new AssertionError("node " + id + " did not become leader: " + engine(id).status());
    }

    public static RandomSource fixedRandom(int value) {
        return new RandomSource() {
            @Override
            public int nextInt(int bound) {
                return Math.min(value, bound - 1);
            }

            @Override
            public long nextLong() {
                return value;
            }
        };
    }

    /** Adds a node with a fresh store bootstrapped with {@code members}. */
    public Node add(long id, ConfState members) {
        Node n = new Node(id);
        n.store = new MemoryLogStore(members);
        nodes.put(id, n);
        n.engine = engines.apply(configFor.apply(id));
        return n;
    }

    public Node node(long id) {
        return nodes.get(id);
    }

    public E engine(long id) {
        return nodes.get(id).engine;
    }

    /** Crash-restarts a node from its durable store (unsent messages and volatile state are lost). */
    public void restart(long id) {
        Node n = nodes.get(id);
        inFlight.removeIf(m -> m.from() == id || m.to() == id);
        n.engine = engines.apply(configFor.apply(id));
    }

    public void replaceEngine(long id, Function<EngineConfig, E> factory) {
        Node n = nodes.get(id);
        n.engine = factory.apply(configFor.apply(id));
    }

    public void cut(long a, long b) {
        cutLinks.add(List.of(a, b));
        cutLinks.add(List.of(b, a));
    }

    public void isolate(long id) {
        for (long other : nodes.keySet()) {
            if (other != id) {
                cut(id, other);
            }
        }
    }

    public void heal() {
        cutLinks.clear();
        interceptor = m -> m;
    }

    public void dropWhen(Predicate<M> filter) {
        interceptor = m -> filter.test(m) ? null : m;
    }

    /** Rewrites (or drops, by returning null) every message sent from now on. */
    public void intercept(Function<M, M> rewrite) {
        interceptor = rewrite;
    }

    public void send(M m) {
        if (cutLinks.contains(List.of(m.from(), m.to())) || !nodes.containsKey(m.to())) {
            return;
        }
        M out = interceptor.apply(m);
        if (out != null) {
            inFlight.addLast(out);
        }
    }

    /** Handles one node's Ready the way a runtime must: send, persist, send-after-persist, apply. */
    public boolean process(long id) {
        Node n = nodes.get(id);
        if (n.down || !n.engine.hasReady()) {
            return false;
        }
        handle(id, n.engine.ready());
        return true;
    }

    /** The runtime's part for a Ready already taken from node {@code id}'s engine. */
    public void handle(long id, Ready<M> rd) {
        Node n = nodes.get(id);
        n.readies.add(rd);
        rd.messages().forEach(this::send);
        if (rd.snapshot() != null) {
            n.store.installSnapshot(rd.snapshot());
        }
        n.store.append(rd.entries());
        if (rd.hardState() != null) {
            n.store.setHardState(rd.hardState());
        }
        if (rd.engineState() != null) {
            n.store.setEngineState(rd.engineState());
        }
        rd.messagesAfterPersist().forEach(this::send);
        if (rd.snapshot() != null) {
            n.applied.clear();
        }
        n.applied.addAll(rd.committedEntries());
        n.readStates.addAll(rd.readStates());
        n.engine.advance(rd);
    }

    /** Delivers one queued message; returns false when nothing is queued. */
    public boolean deliverOne() {
        M m = inFlight.pollFirst();
        if (m == null) {
            return false;
        }
        Node to = nodes.get(m.to());
        if (!to.down) {
            delivered.add(m);
            to.engine.step(m);
        }
        return true;
    }

    /** Processes Readies and delivers messages until nothing moves. */
    public void stabilize() {
        for (int rounds = 0; rounds < 10_000; rounds++) {
            boolean moved = false;
            for (long id : nodes.keySet()) {
                moved |= process(id);
            }
            while (deliverOne()) {
                moved = true;
            }
            if (!moved) {
                return;
            }
        }
        throw new AssertionError("cluster did not stabilize");
    }

    public void tick(long id) {
        if (!nodes.get(id).down) {
            nodes.get(id).engine.tick();
        }
    }

    /** Ticks every node once, {@code times} times, stabilizing after each tick. */
    public void tickAll(int times) {
        for (int i = 0; i < times; i++) {
            for (long id : nodes.keySet()) {
                tick(id);
            }
            stabilize();
        }
    }

    /** Ticks until some node leads, returning it. */
    public long awaitLeader() {
        for (int i = 0; i < 10 * ELECTION; i++) {
            for (Node n : nodes.values()) {
                if (!n.down && n.engine.status().role() == Role.LEADER) {
                    return n.id;
                }
            }
            tickAll(1);
        }
        throw new AssertionError("no leader elected");
    }

    public long propose(long leader, String command) {
        var r = engine(leader).propose(command.getBytes());
        if (!r.isAccepted()) {
            throw new AssertionError("proposal refused: " + r);
        }
        stabilize();
        return r.index();
    }
}
