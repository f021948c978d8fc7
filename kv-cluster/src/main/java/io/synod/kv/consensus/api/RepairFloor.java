package io.synod.kv.consensus.api;

/**
 * The last log entry (index and term) a replica held before its storage was found damaged and
 * replaced by an empty one; {@link #NONE} for a replica that was never repaired.
 *
 * <p>The replica may have acknowledged entries up to there that it no longer has, so it must
 * not help elect a leader whose log is less up to date than the log it lost. It therefore grants
 * a vote (or pre-vote) only to a candidate whose log is at least as up to date as this entry,
 * and campaigns only once its own log is, exactly as if it still compared against its old log;
 * once its commit index reaches {@link #index()} its log holds everything it could have helped
 * commit, and the floor no longer matters.
 */
public record RepairFloor(long index, long term) {

    public static final RepairFloor NONE = new RepairFloor(0, 0);

    public RepairFloor {
        if (index < 0 || term < 0) {
            throw new IllegalArgumentException("repair floor must not be negative: " + index + "/" + term);
        }
    }

    /** Whether a log whose last entry is ({@code lastIndex}, {@code lastTerm}) is at least as up to date as this. */
    public boolean reachedBy(long lastIndex, long lastTerm) {
        return lastTerm > term || lastTerm == term && lastIndex >= index;
    }

    /** The more up-to-date of the two. */
    public RepairFloor max(RepairFloor other) {
        return other.reachedBy(index, term) ? this : other;
    }
}
