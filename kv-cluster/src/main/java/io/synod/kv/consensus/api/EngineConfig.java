package io.synod.kv.consensus.api;

import java.util.Objects;

/**
 * What an engine needs to start. Times are in ticks. {@code appliedIndex} is how far the state
 * machine got before a restart, so committed entries are not handed out twice.
 *
 * <p>{@code repairFloor} is set for a replica whose storage was found damaged and wiped (the
 * runtime keeps it durably beside the log): see {@link RepairFloor} for how it restricts votes
 * and campaigns until the replica caught up. It still replicates and applies meanwhile.
 */
public record EngineConfig(
        long id,
        LogView log,
        RandomSource random,
        long appliedIndex,
        int electionTicks,
        int heartbeatTicks,
        boolean preVote,
        boolean checkQuorum,
        boolean leaseReads,
        int maxInflightMessages,
        int maxBytesPerMessage,
        long maxUncommittedBytes,
        int snapshotChunkBytes,
        RepairFloor repairFloor) {

    public EngineConfig {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(repairFloor, "repairFloor");
        if (id <= 0) {
            throw new IllegalArgumentException("node id must be positive: " + id);
        }
        if (heartbeatTicks <= 0 || electionTicks <= heartbeatTicks) {
            throw new IllegalArgumentException("need 0 < heartbeatTicks < electionTicks, got "
                    + heartbeatTicks + " and " + electionTicks);
        }
        if (leaseReads && !checkQuorum) {
            throw new IllegalArgumentException("lease reads are only safe with checkQuorum");
        }
        if (maxInflightMessages <= 0 || maxBytesPerMessage <= 0 || maxUncommittedBytes <= 0 || snapshotChunkBytes <= 0) {
            throw new IllegalArgumentException("flow-control limits must be positive");
        }
    }

    /** Production defaults: pre-vote and check-quorum on, lease reads off. */
    public static EngineConfig defaults(long id, LogView log, RandomSource random, long appliedIndex) {
        return new EngineConfig(id, log, random, appliedIndex, 10, 1, true, true, false,
                256, 1 << 20, 64L << 20, 256 << 10, RepairFloor.NONE);
    }

    public EngineConfig withLeaseReads(boolean enabled) {
        return new EngineConfig(id, log, random, appliedIndex, electionTicks, heartbeatTicks, preVote,
                checkQuorum, enabled, maxInflightMessages, maxBytesPerMessage, maxUncommittedBytes,
                snapshotChunkBytes, repairFloor);
    }

    public EngineConfig withTicks(int election, int heartbeat) {
        return new EngineConfig(id, log, random, appliedIndex, election, heartbeat, preVote,
                checkQuorum, leaseReads, maxInflightMessages, maxBytesPerMessage, maxUncommittedBytes,
                snapshotChunkBytes, repairFloor);
    }

    public EngineConfig withFlowControl(int inflight, int bytesPerMessage, int chunkBytes) {
        return new EngineConfig(id, log, random, appliedIndex, electionTicks, heartbeatTicks, preVote,
                checkQuorum, leaseReads, inflight, bytesPerMessage, maxUncommittedBytes, chunkBytes, repairFloor);
    }

    /** A replica repaired after storage damage ({@link RepairFloor#NONE}: never repaired). */
    public EngineConfig withRepairFloor(RepairFloor floor) {
        return new EngineConfig(id, log, random, appliedIndex, electionTicks, heartbeatTicks, preVote,
                checkQuorum, leaseReads, maxInflightMessages, maxBytesPerMessage, maxUncommittedBytes,
                snapshotChunkBytes, floor);
    }
}
