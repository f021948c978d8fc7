package io.synod.tools.bench.consensus;

import io.synod.kv.transport.grpc.LinkConditions;

import java.time.Duration;
import java.util.Locale;

/**
 * A network condition the benchmark measures under, applied alike to the links between replicas
 * in the simulator and on real clusters: a delay added to every message, an exponentially
 * distributed jitter on top, and a loss probability. Client links are left alone.
 */
record NetCondition(String name, Duration delay, Duration jitterMean, double loss) {

    static final NetCondition NONE = new NetCondition("none", Duration.ZERO, Duration.ZERO, 0);

    static NetCondition variable(Duration delay, Duration jitterMean, double loss) {
        return new NetCondition("variable", delay, jitterMean, loss);
    }

    /** These conditions for a node's outbound peer messages, with the node's draws seeded by {@code seed}. */
    LinkConditions linkConditions(long seed) {
        return new LinkConditions(delay, jitterMean, loss, seed);
    }

    /** "none", or e.g. "+2 ms, jitter 1 ms, loss 1%". */
    String describe() {
        if (delay.isZero() && jitterMean.isZero() && loss == 0) {
            return "none";
        }
        return String.format(Locale.ROOT, "+%s ms, jitter %s ms, loss %s%%", millis(delay), millis(jitterMean),
                trim(loss * 100));
    }

    private static String millis(Duration d) {
        return trim(d.toNanos() / 1e6);
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
