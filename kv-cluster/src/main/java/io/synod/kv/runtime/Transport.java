package io.synod.kv.runtime;

import io.synod.kv.consensus.api.EngineMessage;

import java.util.function.Consumer;

/**
 * One node's connection to its peers. Every message names its consensus group, so one node can
 * host replicas of several groups over one transport. A network implementation wraps each
 * message in a {@code PeerEnvelope}; the in-process one ({@link InProcessTransport}) hands the
 * message object over as is.
 *
 * <p>Delivery is best effort: messages may be dropped, delayed or reordered, which every
 * consensus engine tolerates. {@link #send} never blocks the caller (an engine's event loop).
 */
public interface Transport {

    /** This node's id. */
    long localNodeId();

    /** Queues {@code message} for the replica of {@code groupId} on node {@code message.to()}. */
    void send(long groupId, EngineMessage message);

    /**
     * Routes messages that arrive for {@code groupId} on this node to {@code handler}. The
     * handler runs on a transport thread and must only enqueue.
     */
    void register(long groupId, Consumer<EngineMessage> handler);

    /** Stops routing messages for {@code groupId}; later arrivals for it are dropped. */
    void unregister(long groupId);
}
