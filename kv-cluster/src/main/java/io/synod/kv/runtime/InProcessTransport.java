package io.synod.kv.runtime;

import io.synod.kv.consensus.api.EngineMessage;
import io.synod.kv.transport.codec.MalformedEnvelopeException;
import io.synod.kv.transport.codec.PeerCodec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A network inside one JVM for tests: nodes obtain their {@link Transport} with
 * {@link #endpoint(long)} and messages are handed to the receiving replica's handler directly.
 *
 * <p>Fault hooks: {@link #block} a directed link, {@link #isolate} a node from everyone,
 * {@link #delay} a directed link, and {@link #pause} a node (its inbound and outbound traffic is
 * held and released in order by {@link #resume}, as if the process had been stopped).
 *
 * <p>{@link #withWireFormat} makes every Raft message travel as an encoded {@code PeerEnvelope}
 * (encoded at the sender, decoded and validated at the receiver), as over the network.
 */
public final class InProcessTransport implements AutoCloseable {

    private record Link(long from, long to) {
    }

    private record Held(long groupId, EngineMessage message) {
    }

    /** What happens to a message on the wire: nothing, or an encode/decode round trip. */
    @FunctionalInterface
    private interface Wire {
        EngineMessage carry(long groupId, EngineMessage message) throws MalformedEnvelopeException;
    }

    private final Wire wire;

    /** Node id, then group id, to the registered inbound handler. */
    private final Map<Long, Map<Long, Consumer<EngineMessage>>> handlers = new ConcurrentHashMap<>();
    private final Set<Link> blocked = ConcurrentHashMap.newKeySet();
    private final Set<Long> isolated = ConcurrentHashMap.newKeySet();
    private final Map<Link, Long> delayNanos = new ConcurrentHashMap<>();
    private final Set<Long> paused = ConcurrentHashMap.newKeySet();
    /** Messages to or from a paused node, in send order; guarded by itself. */
    private final List<Held> held = new ArrayList<>();
    private final ScheduledExecutorService delayer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "in-process-transport-delay");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    /** Hands message objects over as they are. */
    public InProcessTransport() {
        this((groupId, message) -> message);
    }

    private InProcessTransport(Wire wire) {
        this.wire = wire;
    }

    /** Carries engine messages as encoded peer envelopes of cluster {@code clusterId}. */
    public static InProcessTransport withWireFormat(PeerCodec codec, String clusterId) {
        return new InProcessTransport((groupId, message) ->
                codec.decode(codec.encode(clusterId, groupId, message)).message());
    }

    /** The transport of node {@code nodeId}. */
    public Transport endpoint(long nodeId) {
        return new Endpoint(nodeId);
    }

    /** Drops every message from {@code from} to {@code to} until {@link #unblock}. */
    public void block(long from, long to) {
        blocked.add(new Link(from, to));
    }

    public void unblock(long from, long to) {
        blocked.remove(new Link(from, to));
    }

    /** Drops every message to or from {@code node} until {@link #heal}. */
    public void isolate(long node) {
        isolated.add(node);
    }

    public void heal(long node) {
        isolated.remove(node);
    }

    /** Removes every block, isolation and delay (paused nodes stay paused). */
    public void healAll() {
        blocked.clear();
        isolated.clear();
        delayNanos.clear();
    }

    /** Delivers messages from {@code from} to {@code to} only after {@code delay} (zero: no delay). */
    public void delay(long from, long to, Duration delay) {
        if (delay.isZero()) {
            delayNanos.remove(new Link(from, to));
        } else {
            delayNanos.put(new Link(from, to), delay.toNanos());
        }
    }

    /** Holds all traffic to and from {@code node} until {@link #resume}. */
    public void pause(long node) {
        synchronized (held) {
            paused.add(node);
        }
    }

    /** Releases the traffic held for {@code node}, in send order, unless its peer is still paused. */
    public void resume(long node) {
        List<Held> release = new ArrayList<>();
        synchronized (held) {
            paused.remove(node);
            held.removeIf(h -> {
                boolean free = !paused.contains(h.message().from()) && !paused.contains(h.message().to());
                if (free) {
                    release.add(h);
                }
                return free;
            });
        }
        release.forEach(h -> route(h.groupId(), h.message()));
    }

    /** Messages handed to a receiver so far. */
    public long deliveredCount() {
        return delivered.get();
    }

    /** Messages dropped so far (blocked, isolated, malformed, or no receiver registered). */
    public long droppedCount() {
        return dropped.get();
    }

    @Override
    public void close() {
        delayer.shutdownNow();
        handlers.clear();
    }

    private void send(long groupId, EngineMessage message) {
        if (isPaused(message)) {
            synchronized (held) {
                if (isPaused(message)) {
                    held.add(new Held(groupId, message));
                    return;
                }
            }
        }
        route(groupId, message);
    }

    private boolean isPaused(EngineMessage message) {
        return paused.contains(message.from()) || paused.contains(message.to());
    }

    private void route(long groupId, EngineMessage message) {
        Link link = new Link(message.from(), message.to());
        if (blocked.contains(link) || isolated.contains(link.from()) || isolated.contains(link.to())) {
            dropped.incrementAndGet();
            return;
        }
        Long delay = delayNanos.get(link);
        if (delay == null) {
            handOver(groupId, message);
            return;
        }
        try {
            delayer.schedule(() -> handOver(groupId, message), delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            dropped.incrementAndGet();
        }
    }

    private void handOver(long groupId, EngineMessage message) {
        Consumer<EngineMessage> handler = handlers.getOrDefault(message.to(), Map.of()).get(groupId);
        if (handler == null) {
            dropped.incrementAndGet();
            return;
        }
        EngineMessage received;
        try {
            received = wire.carry(groupId, message);
        } catch (MalformedEnvelopeException e) {
            dropped.incrementAndGet();
            return;
        }
        delivered.incrementAndGet();
        handler.accept(received);
    }

    private final class Endpoint implements Transport {
        private final long nodeId;

        Endpoint(long nodeId) {
            this.nodeId = nodeId;
        }

        @Override
        public long localNodeId() {
            return nodeId;
        }

        @Override
        public void send(long groupId, EngineMessage message) {
            if (message.from() != nodeId) {
                throw new IllegalArgumentException("node " + nodeId + " cannot send a message from " + message.from());
            }
            InProcessTransport.this.send(groupId, message);
        }

        @Override
        public void register(long groupId, Consumer<EngineMessage> handler) {
            handlers.computeIfAbsent(nodeId, n -> new ConcurrentHashMap<>()).put(groupId, handler);
        }

        @Override
        public void unregister(long groupId) {
            handlers.getOrDefault(nodeId, Map.of()).remove(groupId);
        }
    }
}
