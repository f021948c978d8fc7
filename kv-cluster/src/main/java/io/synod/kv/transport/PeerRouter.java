package io.synod.kv.transport;

import io.synod.kv.consensus.api.EngineMessage;
import io.synod.kv.transport.codec.DecodedEnvelope;
import io.synod.kv.transport.codec.MalformedEnvelopeException;
import io.synod.kv.transport.codec.PeerCodec;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Decides, without any I/O, where an incoming peer envelope goes: to the engine of a group hosted
 * on this node, or nowhere, with the reason counted for metrics. Checks run cheapest and most
 * telling first: well-formed, right cluster, right node, known group, sender is a member.
 * Counters may be read from any thread.
 */
public final class PeerRouter {

    private final long localNodeId;
    private final String clusterId;
    private final HostedGroups groups;
    private final PeerCodec codec;
    private final AtomicLongArray rejected = new AtomicLongArray(RouteResult.Reason.values().length);
    private final AtomicLong delivered = new AtomicLong();

    public PeerRouter(long localNodeId, String clusterId, HostedGroups groups) {
        this(localNodeId, clusterId, groups, new PeerCodec());
    }

    public PeerRouter(long localNodeId, String clusterId, HostedGroups groups, PeerCodec codec) {
        if (localNodeId <= 0) {
            throw new IllegalArgumentException("local node id must be positive: " + localNodeId);
        }
        this.localNodeId = localNodeId;
        this.clusterId = Objects.requireNonNull(clusterId, "clusterId");
        this.groups = Objects.requireNonNull(groups, "groups");
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    public RouteResult route(byte[] envelope) {
        DecodedEnvelope decoded;
        try {
            decoded = codec.decode(envelope);
        } catch (MalformedEnvelopeException e) {
            return reject(RouteResult.Reason.MALFORMED, e.getMessage());
        }
        EngineMessage m = decoded.message();
        if (!decoded.clusterId().equals(clusterId)) {
            return reject(RouteResult.Reason.WRONG_CLUSTER,
                    "envelope for cluster \"" + decoded.clusterId() + "\", this is \"" + clusterId + "\"");
        }
        if (m.to() != localNodeId) {
            return reject(RouteResult.Reason.WRONG_DESTINATION,
                    "envelope for node " + m.to() + " arrived at node " + localNodeId);
        }
        Optional<Set<Long>> members = groups.membersOf(decoded.groupId());
        if (members.isEmpty()) {
            return reject(RouteResult.Reason.UNKNOWN_GROUP,
                    "node " + localNodeId + " hosts no replica of group " + decoded.groupId());
        }
        if (!members.get().contains(m.from())) {
            return reject(RouteResult.Reason.UNKNOWN_SENDER,
                    "node " + m.from() + " is not a member of group " + decoded.groupId());
        }
        delivered.incrementAndGet();
        return new RouteResult.Delivered(decoded.groupId(), m);
    }

    /** Envelopes rejected so far for {@code reason}. */
    public long rejectedCount(RouteResult.Reason reason) {
        return rejected.get(reason.ordinal());
    }

    /** Envelopes delivered so far. */
    public long deliveredCount() {
        return delivered.get();
    }

    private RouteResult reject(RouteResult.Reason reason, String detail) {
        rejected.incrementAndGet(reason.ordinal());
        return new RouteResult.Rejected(reason, detail);
    }
}
