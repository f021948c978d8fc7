package io.synod.kv.transport.grpc;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test and tool hooks that make a node's network misbehave: drop its traffic with chosen peers,
 * delay what it sends to chosen peers, or pause it (drop everything in and out, as if the
 * process were stopped). Every hook is refused with {@link IllegalStateException} unless the
 * transport was built with {@link GrpcTransportConfig#testFaultsEnabled()}, so a production
 * node cannot be partitioned by accident. Thread-safe.
 */
public final class FaultInjection {

    private final boolean enabled;
    private final long localNodeId;
    private final Set<Long> droppedPeers = ConcurrentHashMap.newKeySet();
    private final Map<Long, Long> delayNanosByPeer = new ConcurrentHashMap<>();
    private volatile boolean paused;

    FaultInjection(boolean enabled, long localNodeId) {
        this.enabled = enabled;
        this.localNodeId = localNodeId;
    }

    /** Drops all traffic to and from {@code peer} until {@link #restoreTraffic}. */
    public void dropTraffic(long peer) {
        requireEnabled("dropTraffic");
        droppedPeers.add(peer);
    }

    public void restoreTraffic(long peer) {
        requireEnabled("restoreTraffic");
        droppedPeers.remove(peer);
    }

    /** Holds every message to {@code peer} back for {@code delay} before sending (zero: no delay). */
    public void delayTrafficTo(long peer, Duration delay) {
        requireEnabled("delayTrafficTo");
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        if (delay.isZero()) {
            delayNanosByPeer.remove(peer);
        } else {
            delayNanosByPeer.put(peer, delay.toNanos());
        }
    }

    /** Drops everything this node sends or receives until {@link #resume}. */
    public void pause() {
        requireEnabled("pause");
        paused = true;
    }

    public void resume() {
        requireEnabled("resume");
        paused = false;
    }

    /** Removes every injected fault. */
    public void clear() {
        requireEnabled("clear");
        droppedPeers.clear();
        delayNanosByPeer.clear();
        paused = false;
    }

    boolean dropsTrafficWith(long peer) {
        return paused || droppedPeers.contains(peer);
    }

    long delayNanosTo(long peer) {
        return delayNanosByPeer.getOrDefault(peer, 0L);
    }

    private void requireEnabled(String hook) {
        if (!enabled) {
            throw new IllegalStateException("fault injection (" + hook + ") refused on node " + localNodeId
                    + ": the transport was not built with testFaultsEnabled");
        }
    }
}
