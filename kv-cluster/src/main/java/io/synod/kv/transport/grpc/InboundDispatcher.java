package io.synod.kv.transport.grpc;

import io.synod.kv.consensus.api.EngineMessage;
import io.synod.kv.transport.PeerRouter;
import io.synod.kv.transport.RouteResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * Hands each arriving envelope to the handler of its group, after {@link PeerRouter} has checked
 * it, and counts what it refuses. Runs on Netty I/O threads, so it never blocks (handlers only
 * enqueue, per the {@code Transport} contract).
 */
final class InboundDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(InboundDispatcher.class);

    private final long localNodeId;
    private final PeerRouter router;
    private final Map<Long, Consumer<EngineMessage>> handlers;
    private final FaultInjection faults;
    /** Counters of a known peer, or of the "unattributed" bucket for unknown claimed senders. */
    private final LongFunction<PeerCounters> claimedSenderCounters;
    /** Counters of a member of a hosted group (a bounded set of ids, validated by the router). */
    private final LongFunction<PeerCounters> memberCounters;
    private final RateLimitedWarning rejectionWarning =
            new RateLimitedWarning(LOG, TimeUnit.SECONDS.toNanos(10));

    InboundDispatcher(long localNodeId, PeerRouter router, Map<Long, Consumer<EngineMessage>> handlers,
                      FaultInjection faults, LongFunction<PeerCounters> claimedSenderCounters,
                      LongFunction<PeerCounters> memberCounters) {
        this.localNodeId = localNodeId;
        this.router = router;
        this.handlers = handlers;
        this.faults = faults;
        this.claimedSenderCounters = claimedSenderCounters;
        this.memberCounters = memberCounters;
    }

    /**
     * Routes one envelope that arrived on a stream opened by {@code claimedSender}.
     *
     * @return whether it was delivered to a handler
     */
    boolean dispatch(long claimedSender, byte[] envelope) {
        if (faults.dropsTrafficWith(claimedSender)) {
            claimedSenderCounters.apply(claimedSender).inboundDropped.increment();
            return false;
        }
        RouteResult result = router.route(envelope);
        if (result instanceof RouteResult.Rejected rejected) {
            claimedSenderCounters.apply(claimedSender).rejected.increment();
            rejectionWarning.log("node " + localNodeId + ": rejected an envelope from the stream of node "
                    + claimedSender + ": " + rejected.reason() + ": " + rejected.detail());
            return false;
        }
        RouteResult.Delivered delivered = (RouteResult.Delivered) result;
        // The router only delivers to groups that have a handler, but one may unregister meanwhile.
        Consumer<EngineMessage> handler = handlers.get(delivered.groupId());
        if (handler == null) {
            claimedSenderCounters.apply(claimedSender).rejected.increment();
            return false;
        }
        try {
            handler.accept(delivered.message());
        } catch (RuntimeException e) {
            LOG.error("node {}: handler of group {} failed on a message from node {}", localNodeId,
                    delivered.groupId(), delivered.message().from(), e);
            return false;
        }
        memberCounters.apply(delivered.message().from()).received.increment();
        return true;
    }
}
