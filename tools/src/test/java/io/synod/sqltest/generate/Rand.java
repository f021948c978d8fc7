package io.synod.sqltest.generate;

import java.util.List;
import java.util.SplittableRandom;

/** The one source of randomness of a generated case: the same seed gives the same case. */
final class Rand {

    private final SplittableRandom random;

    Rand(long seed) {
        this.random = new SplittableRandom(seed);
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    /** Uniform in [from, to]. */
    int between(int from, int to) {
        return random.nextInt(from, to + 1);
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    @SafeVarargs
    final <T> T pickOne(T... items) {
        return items[random.nextInt(items.length)];
    }
}
