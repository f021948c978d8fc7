package io.synod.kv.transport.grpc;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Delays between attempts to re-open a peer stream: doubling from the initial delay up to the
 * cap, with "equal jitter" (a random point in the upper half of the step) so that the nodes of
 * a cluster that lost the same peer do not retry in lockstep. Not thread-safe.
 */
final class ReconnectBackoff {

    private final long initialNanos;
    private final long maxNanos;
    private final DoubleSupplier random;
    private int failures;

    /** {@code random} yields values in [0, 1). */
    ReconnectBackoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
        this.random = random;
    }

    /** The wait before the next attempt; each call lengthens the following one. */
    long nextDelayNanos() {
        long step = initialNanos;
        for (int i = 0; i < failures && step < maxNanos; i++) {
            step *= 2;
        }
        step = Math.min(step, maxNanos);
        failures++;
        long half = step / 2;
        return half + (long) (random.getAsDouble() * (step - half));
    }

    /** Forgets past failures after a successful connection. */
    void reset() {
        failures = 0;
    }
}
