package io.synod.kv.consensus.pbft;

/**
 * PBFT tuning, in sequence numbers and ticks.
 *
 * @param checkpointInterval K: a checkpoint every K sequence numbers (the runtime snapshots there)
 * @param window             L: sequence numbers accepted above the last stable checkpoint
 * @param maxBatch           requests per pre-prepare
 * @param viewChangeTicks    how long a backup waits for progress on known work before it suspects the primary
 * @param statusTicks        how often replicas exchange status (and retransmit votes)
 * @param fastPath           whether the primary collects PREPAREs from all replicas into a fast commit certificate
 */
public record PbftOptions(int checkpointInterval, int window, int maxBatch, int viewChangeTicks, int statusTicks,
                          boolean fastPath) {

    public PbftOptions {
        if (checkpointInterval <= 0 || window < 2 * checkpointInterval || maxBatch <= 0 || viewChangeTicks <= 0
                || statusTicks <= 0) {
            throw new IllegalArgumentException("need positive PBFT options and window >= 2 * checkpointInterval");
        }
    }

    public static PbftOptions defaults(int electionTicks) {
        return new PbftOptions(16, 64, 16, Math.max(4, electionTicks * 2), Math.max(2, electionTicks / 2), true);
    }

    public PbftOptions withFastPath(boolean enabled) {
        return new PbftOptions(checkpointInterval, window, maxBatch, viewChangeTicks, statusTicks, enabled);
    }
}
