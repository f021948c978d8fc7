package io.synod.kv.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * How one replica runs: its identity, the engine's clock (a tick every {@code tickInterval};
 * election and heartbeat timeouts in ticks), and the runtime's limits.
 *
 * @param snapshotThreshold    compact the log once this many entries were applied since the
 *                             last snapshot; with engines that compact at their own checkpoints
 *                             (PBFT), sync the state machine once this many were applied since
 *                             its last sync
 * @param maxPendingProposals  proposals (writes and membership changes) in flight at once;
 *                             more are refused with {@link BusyException}
 * @param maxPendingReads      reads in flight at once; more are refused with {@link BusyException}
 * @param requestTimeout       how long a proposal or read may wait for its answer
 * @param maxInboundMessages   peer messages queued for the loop; more are dropped (the engine
 *                             retransmits), so a flood cannot exhaust memory
 */
public record ReplicaConfig(
        long nodeId,
        long groupId,
        Duration tickInterval,
        int electionTicks,
        int heartbeatTicks,
        boolean leaseReads,
        long snapshotThreshold,
        int maxPendingProposals,
        int maxPendingReads,
        Duration requestTimeout,
        int maxInboundMessages) {

    public ReplicaConfig {
        Objects.requireNonNull(tickInterval, "tickInterval");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (nodeId <= 0) {
            throw new IllegalArgumentException("node id must be positive: " + nodeId);
        }
        if (tickInterval.isNegative() || tickInterval.isZero() || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("tick interval and request timeout must be positive");
        }
        if (snapshotThreshold <= 0 || maxPendingProposals <= 0 || maxPendingReads <= 0 || maxInboundMessages <= 0) {
            throw new IllegalArgumentException("snapshot threshold and queue limits must be positive");
        }
    }

    /** A tick every 20 ms: heartbeats every 100 ms, elections after 1-2 s of silence. */
    public static ReplicaConfig defaults(long nodeId, long groupId) {
        return new ReplicaConfig(nodeId, groupId, Duration.ofMillis(20), 50, 5, false, 10_000,
                10_000, 10_000, Duration.ofSeconds(5), 10_000);
    }

    public ReplicaConfig withTicks(Duration interval, int election, int heartbeat) {
        return new ReplicaConfig(nodeId, groupId, interval, election, heartbeat, leaseReads, snapshotThreshold,
                maxPendingProposals, maxPendingReads, requestTimeout, maxInboundMessages);
    }

    public ReplicaConfig withLeaseReads(boolean enabled) {
        return new ReplicaConfig(nodeId, groupId, tickInterval, electionTicks, heartbeatTicks, enabled,
                snapshotThreshold, maxPendingProposals, maxPendingReads, requestTimeout, maxInboundMessages);
    }

    public ReplicaConfig withSnapshotThreshold(long entries) {
        return new ReplicaConfig(nodeId, groupId, tickInterval, electionTicks, heartbeatTicks, leaseReads, entries,
                maxPendingProposals, maxPendingReads, requestTimeout, maxInboundMessages);
    }

    public ReplicaConfig withLimits(int pendingProposals, int pendingReads, Duration timeout) {
        return new ReplicaConfig(nodeId, groupId, tickInterval, electionTicks, heartbeatTicks, leaseReads,
                snapshotThreshold, pendingProposals, pendingReads, timeout, maxInboundMessages);
    }
}
