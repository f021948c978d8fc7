package io.synod.kv.transport.grpc;

import java.time.Duration;
import java.util.Objects;

/**
 * Injected variability of every peer message a node sends, for benchmarks and tests: a fixed
 * delay plus a random jitter (exponentially distributed with mean {@code jitterMean}), and a
 * probability that the message is lost. Links stay FIFO, as a TCP stream is: a message held back
 * also holds back those queued behind it.
 *
 * @param seed seeds the node's draws (mixed with its id), so a benchmark is repeatable
 */
public record LinkConditions(Duration delay, Duration jitterMean, double lossRate, long seed) {

    public static final LinkConditions NONE = new LinkConditions(Duration.ZERO, Duration.ZERO, 0, 0);

    public LinkConditions {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(jitterMean, "jitterMean");
        if (delay.isNegative() || jitterMean.isNegative()) {
            throw new IllegalArgumentException("delay and jitter must not be negative, got " + delay + " and "
                    + jitterMean);
        }
        if (!(lossRate >= 0 && lossRate < 1)) {
            throw new IllegalArgumentException("loss rate must be in [0, 1), got " + lossRate);
        }
    }

    public boolean isNone() {
        return delay.isZero() && jitterMean.isZero() && lossRate == 0;
    }

    @Override
    public String toString() {
        return isNone() ? "none" : String.format("delay %.1f ms, jitter %.1f ms, loss %.1f%%",
                delay.toNanos() / 1e6, jitterMean.toNanos() / 1e6, lossRate * 100);
    }
}
