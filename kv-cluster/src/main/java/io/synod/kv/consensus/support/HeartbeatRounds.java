package io.synod.kv.consensus.support;

import java.util.TreeMap;

/**
 * Numbered heartbeat broadcasts of the current leader term. A follower's acknowledgement of round
 * r proves it still followed this leader when round r left, which confirms ReadIndex requests
 * registered before r and, with the tick r was sent at, bounds the leader's lease.
 */
public final class HeartbeatRounds {

    private long current;
    private boolean unsent;
    private final TreeMap<Long, Long> sentAtTick = new TreeMap<>();

    /** Starts a new round (its heartbeats leave with the next Ready); returns its number. */
    public long start(long nowTick, int keepTicks) {
        current++;
        unsent = true;
        sentAtTick.put(current, nowTick);
        sentAtTick.values().removeIf(t -> t < nowTick - keepTicks);
        return current;
    }

    /** A round whose heartbeats have not left yet can confirm requests registered now. */
    public boolean hasUnsentRound() {
        return unsent;
    }

    public long current() {
        return current;
    }

    public void markSent() {
        unsent = false;
    }

    /** Tick at which {@code round} was sent, or {@code Long.MIN_VALUE} if unknown or too old. */
    public long sentTick(long round) {
        Long t = sentAtTick.get(round);
        return t == null ? Long.MIN_VALUE : t;
    }

    public void reset() {
        current = 0;
        unsent = false;
        sentAtTick.clear();
    }
}
