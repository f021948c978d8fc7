package io.synod.kv.transport.grpc;

import io.grpc.BindableService;
import io.synod.kv.consensus.api.EngineMessage;
import io.synod.kv.runtime.Transport;
import io.synod.kv.transport.HostedGroups;
import io.synod.kv.transport.PeerRouter;
import io.synod.kv.transport.RouteResult;
import io.synod.kv.transport.codec.PeerCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@link Transport} over gRPC: one long-lived client stream per peer node carries batches of
 * {@code PeerEnvelope}s; the receiving side is {@link #peerService()}, which the node serves on
 * its {@link NodeServer} port.
 *
 * <p>Threading: {@link #send} encodes on the caller's thread and only enqueues, never blocking
 * (a full per-peer queue drops the message and counts it), then writes what the peer's stream
 * can take right away on the same thread (see {@link PeerConnection}); what flow control holds
 * back is written from gRPC's readiness callback. One timer thread per transport re-opens failed
 * streams with backoff. Inbound envelopes are routed and handed to group handlers on Netty I/O
 * threads.
 */
public final class GrpcTransport implements Transport, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GrpcTransport.class);
    private static final long TIMER_SHUTDOWN_MILLIS = 1_000;

    private final GrpcTransportConfig config;
    private final EventLoops eventLoops;
    private final PeerCodec codec;
    private final FaultInjection faults;
    private final ScheduledThreadPoolExecutor timer;
    private final Map<Long, Consumer<EngineMessage>> handlers = new ConcurrentHashMap<>();
    private final Map<Long, PeerConnection> connections = new ConcurrentHashMap<>();
    private final Map<Long, PeerCounters> counters = new ConcurrentHashMap<>();
    /** Inbound traffic whose claimed sender is no known peer, so cannot grow the map above. */
    private final PeerCounters unattributed = new PeerCounters();
    private final PeerRouter router;
    private final PeerStreamService peerService;
    private final RateLimitedWarning dropWarning = new RateLimitedWarning(LOG, TimeUnit.SECONDS.toNanos(10));
    private final Object membershipLock = new Object();
    private volatile boolean closed;

    /**
     * @param membership    the members of each group this node hosts; only registered groups
     *                      receive messages
     * @param peerAddresses node id to "host:port" of each peer (this node's own entry is ignored)
     * @param eventLoops    I/O threads for the outbound channels; owned by the caller
     */
    public GrpcTransport(GrpcTransportConfig config, HostedGroups membership, Map<Long, String> peerAddresses,
                         EventLoops eventLoops) {
        this.config = Objects.requireNonNull(config, "config");
        this.eventLoops = Objects.requireNonNull(eventLoops, "eventLoops");
        Objects.requireNonNull(membership, "membership");
        this.codec = new PeerCodec(config.maxMessageBytes());
        this.faults = new FaultInjection(config.testFaultsEnabled(), config.localNodeId());
        this.timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "synod-peer-timer-" + config.localNodeId());
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        HostedGroups registered = groupId -> handlers.containsKey(groupId)
                ? membership.membersOf(groupId) : Optional.empty();
        this.router = new PeerRouter(config.localNodeId(), config.clusterId(), registered, codec);
        this.peerService = new PeerStreamService(
                new InboundDispatcher(config.localNodeId(), router, handlers, faults, this::inboundCountersOf, this::countersOf));
        peerAddresses.forEach(this::setPeerAddress);
    }

    @Override
    public long localNodeId() {
        return config.localNodeId();
    }

    /** The receiving side, to be served by this node's {@link NodeServer}. */
    public BindableService peerService() {
        return peerService;
    }

    /**
     * Queues {@code message} (an engine message from this node that {@link PeerCodec} can
     * encode) for its destination. Dropped and counted if the transport is closed, the peer has
     * no address, a fault is injected, the message exceeds the size limit, or the peer's queue is
     * full.
     */
    @Override
    public void send(long groupId, EngineMessage message) {
        long peer = message.to();
        if (message.from() != config.localNodeId() || peer == config.localNodeId()) {
            throw new IllegalArgumentException("node " + config.localNodeId() + " cannot send a message from node "
                    + message.from() + " to node " + peer);
        }
        PeerCounters peerCounters = countersOf(peer);
        PeerConnection connection = connections.get(peer);
        if (closed || connection == null || faults.dropsTrafficWith(peer)) {
            peerCounters.dropped.increment();
            if (connection == null && !closed) {
                dropWarning.log("node " + config.localNodeId() + ": no address for peer " + peer
                        + "; dropping its messages");
            }
            return;
        }
        byte[] envelope = codec.encode(config.clusterId(), groupId, message);
        if (envelope.length > config.maxEnvelopeBytes()) {
            peerCounters.dropped.increment();
            dropWarning.log("node " + config.localNodeId() + ": dropped a " + message.getClass().getSimpleName()
                    + " of " + envelope.length + " bytes to peer " + peer + ": larger than the limit of "
                    + config.maxEnvelopeBytes());
            return;
        }
        long delayNanos = faults.outboundDelayNanos(peer);
        if (delayNanos == FaultInjection.LOST) {
            peerCounters.dropped.increment();
            return;
        }
        connection.enqueue(envelope, delayNanos == 0 ? PeerQueue.READY_NOW : System.nanoTime() + delayNanos);
    }

    @Override
    public void register(long groupId, Consumer<EngineMessage> handler) {
        handlers.put(groupId, Objects.requireNonNull(handler, "handler"));
    }

    @Override
    public void unregister(long groupId) {
        handlers.remove(groupId);
    }

    /** Adds a peer or moves it to a new "host:port"; its stream is re-opened to the new address. */
    public void setPeerAddress(long peerId, String address) {
        Objects.requireNonNull(address, "address");
        if (address.lastIndexOf(':') <= 0) {
            throw new IllegalArgumentException("peer address must be host:port, got \"" + address + "\"");
        }
        if (peerId == config.localNodeId()) {
            return;
        }
        synchronized (membershipLock) {
            if (closed) {
                return;
            }
            PeerConnection current = connections.get(peerId);
            if (current != null && current.address().equals(address)) {
                return;
            }
            PeerConnection replacement = new PeerConnection(peerId, address, config, timer, countersOf(peerId),
                    eventLoops);
            connections.put(peerId, replacement);
            if (current != null) {
                current.close();
            }
            replacement.start();
            LOG.info("node {}: peer {} is at {}", config.localNodeId(), peerId, address);
        }
    }

    /** Forgets a peer that left the cluster; later messages to it are dropped. */
    public void removePeer(long peerId) {
        synchronized (membershipLock) {
            PeerConnection removed = connections.remove(peerId);
            if (removed != null) {
                removed.close();
                LOG.info("node {}: peer {} removed", config.localNodeId(), peerId);
            }
        }
    }

    /** Current peer addresses by node id. */
    public Map<Long, String> peerAddresses() {
        Map<Long, String> addresses = new TreeMap<>();
        connections.forEach((id, connection) -> addresses.put(id, connection.address()));
        return addresses;
    }

    /** Traffic with {@code peerId} so far (zeros for a peer never seen). */
    public PeerStats stats(long peerId) {
        PeerConnection connection = connections.get(peerId);
        PeerCounters peerCounters = counters.getOrDefault(peerId, new PeerCounters());
        return connection == null ? peerCounters.snapshot(0, 0)
                : peerCounters.snapshot(connection.queuedMessages(), connection.queuedBytes());
    }

    /** Traffic with every peer that has an address or has sent or been sent anything. */
    public Map<Long, PeerStats> stats() {
        Map<Long, PeerStats> all = new TreeMap<>();
        counters.keySet().forEach(id -> all.put(id, stats(id)));
        connections.keySet().forEach(id -> all.put(id, stats(id)));
        return all;
    }

    /** Inbound envelopes on streams whose claimed sender is not a known peer. */
    public PeerStats unattributedStats() {
        return unattributed.snapshot(0, 0);
    }

    /** Inbound envelopes rejected so far for {@code reason}, whoever sent them. */
    public long rejectedCount(RouteResult.Reason reason) {
        return router.rejectedCount(reason);
    }

    /** The fault hooks; each refuses to act unless the config enabled test faults. */
    public FaultInjection faults() {
        return faults;
    }

    /** Closes every peer stream and the timer thread, waiting a bounded time. Idempotent. */
    @Override
    public void close() {
        List<PeerConnection> closing;
        synchronized (membershipLock) {
            if (closed) {
                return;
            }
            closed = true;
            closing = new ArrayList<>(connections.values());
            connections.clear();
        }
        closing.forEach(PeerConnection::close);
        timer.shutdown();
        try {
            if (!timer.awaitTermination(TIMER_SHUTDOWN_MILLIS, TimeUnit.MILLISECONDS)) {
                timer.shutdownNow();
            }
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
        closing.forEach(PeerConnection::awaitClosed);
    }

    private PeerCounters countersOf(long peerId) {
        return counters.computeIfAbsent(peerId, id -> new PeerCounters());
    }

    private PeerCounters inboundCountersOf(long claimedSender) {
        PeerCounters known = counters.get(claimedSender);
        return known != null ? known : unattributed;
    }
}
