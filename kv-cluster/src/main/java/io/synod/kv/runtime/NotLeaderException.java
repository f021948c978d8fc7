package io.synod.kv.runtime;

/** This replica does not lead its group; {@link #leaderHint()} names the leader if known (else 0). */
public final class NotLeaderException extends RetryableException {

    private final long leaderHint;

    public NotLeaderException(long leaderHint) {
        super(leaderHint == 0 ? "not the leader; leader unknown" : "not the leader; try node " + leaderHint, false);
        this.leaderHint = leaderHint;
    }

    public long leaderHint() {
        return leaderHint;
    }
}
