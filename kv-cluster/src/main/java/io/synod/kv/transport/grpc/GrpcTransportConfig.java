package io.synod.kv.transport.grpc;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of one node's {@link GrpcTransport}.
 *
 * @param clusterId               written into every envelope; peers of another cluster reject it
 * @param localNodeId             this node
 * @param queueMaxMessages        per-peer outbound queue bound; beyond it new messages are dropped
 * @param queueMaxBytes           per-peer outbound queue bound in encoded bytes (one message
 *                                larger than this is still accepted into an empty queue)
 * @param batchMaxMessages        at most this many envelopes per stream write
 * @param batchMaxBytes           at most this many envelope bytes per stream write (a larger
 *                                single envelope travels alone)
 * @param maxMessageBytes         largest stream message sent or accepted; give the
 *                                {@link NodeServer} the same limit
 * @param reconnectInitialDelay   first wait before re-opening a failed stream
 * @param reconnectMaxDelay       cap of the doubling, jittered wait
 * @param testFaultsEnabled       whether {@link FaultInjection} hooks may be used
 */
public record GrpcTransportConfig(
        String clusterId,
        long localNodeId,
        int queueMaxMessages,
        long queueMaxBytes,
        int batchMaxMessages,
        int batchMaxBytes,
        int maxMessageBytes,
        Duration reconnectInitialDelay,
        Duration reconnectMaxDelay,
        boolean testFaultsEnabled) {

    public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
    /** Interval of HTTP/2 pings on peer connections, to notice a peer that vanished silently. */
    static final long KEEPALIVE_SECONDS = 10;

    public GrpcTransportConfig {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(reconnectInitialDelay, "reconnectInitialDelay");
        Objects.requireNonNull(reconnectMaxDelay, "reconnectMaxDelay");
        if (clusterId.isEmpty()) {
            throw new IllegalArgumentException("clusterId must not be empty");
        }
        if (localNodeId <= 0) {
            throw new IllegalArgumentException("localNodeId must be positive: " + localNodeId);
        }
        positive("queueMaxMessages", queueMaxMessages);
        positive("queueMaxBytes", queueMaxBytes);
        positive("batchMaxMessages", batchMaxMessages);
        positive("batchMaxBytes", batchMaxBytes);
        if (maxMessageBytes <= PeerConnection.FRAME_OVERHEAD_BYTES) {
            throw new IllegalArgumentException("maxMessageBytes must exceed " + PeerConnection.FRAME_OVERHEAD_BYTES
                    + ": " + maxMessageBytes);
        }
        if (reconnectInitialDelay.isNegative() || reconnectInitialDelay.isZero()
                || reconnectMaxDelay.compareTo(reconnectInitialDelay) < 0) {
            throw new IllegalArgumentException("need 0 < reconnectInitialDelay <= reconnectMaxDelay, got "
                    + reconnectInitialDelay + " and " + reconnectMaxDelay);
        }
    }

    /** Production defaults: 10,000 messages or 32 MiB queued per peer, 512 messages or 1 MiB per write. */
    public static GrpcTransportConfig defaults(String clusterId, long localNodeId) {
        return new GrpcTransportConfig(clusterId, localNodeId, 10_000, 32L * 1024 * 1024, 512, 1024 * 1024,
                DEFAULT_MAX_MESSAGE_BYTES, Duration.ofMillis(20), Duration.ofSeconds(1), false);
    }

    public GrpcTransportConfig withQueueLimits(int maxMessages, long maxBytes) {
        return new GrpcTransportConfig(clusterId, localNodeId, maxMessages, maxBytes, batchMaxMessages,
                batchMaxBytes, maxMessageBytes, reconnectInitialDelay, reconnectMaxDelay, testFaultsEnabled);
    }

    public GrpcTransportConfig withBatchLimits(int maxMessages, int maxBytes) {
        return new GrpcTransportConfig(clusterId, localNodeId, queueMaxMessages, queueMaxBytes, maxMessages,
                maxBytes, maxMessageBytes, reconnectInitialDelay, reconnectMaxDelay, testFaultsEnabled);
    }

    public GrpcTransportConfig withMaxMessageBytes(int maxBytes) {
        return new GrpcTransportConfig(clusterId, localNodeId, queueMaxMessages, queueMaxBytes, batchMaxMessages,
                batchMaxBytes, maxBytes, reconnectInitialDelay, reconnectMaxDelay, testFaultsEnabled);
    }

    public GrpcTransportConfig withReconnectBackoff(Duration initial, Duration max) {
        return new GrpcTransportConfig(clusterId, localNodeId, queueMaxMessages, queueMaxBytes, batchMaxMessages,
                batchMaxBytes, maxMessageBytes, initial, max, testFaultsEnabled);
    }

    public GrpcTransportConfig withTestFaultsEnabled(boolean enabled) {
        return new GrpcTransportConfig(clusterId, localNodeId, queueMaxMessages, queueMaxBytes, batchMaxMessages,
                batchMaxBytes, maxMessageBytes, reconnectInitialDelay, reconnectMaxDelay, enabled);
    }

    /** The largest single envelope that fits in one stream message. */
    int maxEnvelopeBytes() {
        return maxMessageBytes - PeerConnection.FRAME_OVERHEAD_BYTES;
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
