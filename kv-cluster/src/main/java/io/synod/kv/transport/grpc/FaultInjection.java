package io.synod.kv.transport.grpc;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test and tool hooks that make a node's network misbehave: drop its traffic with chosen peers,
 * delay what it sends to chosen peers, add delay, jitter and loss to everything it sends
 * ({@link LinkConditions}, for benchmarks), or pause it (drop everything in and out, as if the
 * process were stopped). Every hook is refused with {@link IllegalStateException} unless the
 * transport was built with {@link GrpcTransportConfig#testFaultsEnabled()}, so a production
 * node cannot be partitioned by accident. Thread-safe.
 */
public final class FaultInjection {

    /** What {@link #outboundDelayNanos} answers for a message the link conditions lose. */
    static final long LOST = -1;

    private final boolean enabled;
    private final long localNodeId;
    private final Set<Long> droppedPeers = ConcurrentHashMap.newKeySet();
    private final Map<Long, Long> delayNanosByPeer = new ConcurrentHashMap<>();
    private volatile boolean paused;
    private volatile LinkNoise noise;

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

    /** Applies {@code conditions} to every peer message sent from now on ({@link LinkConditions#NONE}: none). */
    public void setLinkConditions(LinkConditions conditions) {
        requireEnabled("setLinkConditions");
        Objects.requireNonNull(conditions, "conditions");
        noise = conditions.isNone() ? null : new LinkNoise(conditions, localNodeId);
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
        noise = null;
        paused = false;
    }

    boolean dropsTrafficWith(long peer) {
        return paused || droppedPeers.contains(peer);
    }

    /** How long to hold back the next message to {@code peer}, or {@link #LOST} if it is to be lost. */
    long outboundDelayNanos(long peer) {
        long fixed = delayNanosByPeer.getOrDefault(peer, 0L);
        LinkNoise current = noise;
        if (current == null) {
            return fixed;
        }
        long drawn = current.draw();
        return drawn == LOST ? LOST : fixed + drawn;
    }

    private void requireEnabled(String hook) {
        if (!enabled) {
            throw new IllegalStateException("fault injection (" + hook + ") refused on node " + localNodeId
                    + ": the transport was not built with testFaultsEnabled");
        }
    }

    /** The seeded draws of one node's link conditions; senders on several threads share it. */
    private static final class LinkNoise {
        private final long delayNanos;
        private final long jitterMeanNanos;
        private final double lossRate;
        private final SplittableRandom random;

        LinkNoise(LinkConditions conditions, long nodeId) {
            this.delayNanos = conditions.delay().toNanos();
            this.jitterMeanNanos = conditions.jitterMean().toNanos();
            this.lossRate = conditions.lossRate();
            this.random = new SplittableRandom(conditions.seed() * 0x9E3779B97F4A7C15L + nodeId);
        }

        synchronized long draw() {
            if (lossRate > 0 && random.nextDouble() < lossRate) {
                return LOST;
            }
            long jitter = jitterMeanNanos == 0 ? 0 : (long) (-Math.log(1 - random.nextDouble()) * jitterMeanNanos);
            return delayNanos + jitter;
        }
    }
}
