package io.synod.sql.encoding;

import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs a check over cases drawn from {@code SplittableRandom}s seeded 0..tries-1, so every run
 * checks the same cases and a failure names the seed and the case that reproduce it.
 */
final class SeededCases {

    private SeededCases() {
    }

    static <T> void check(int tries, Function<SplittableRandom, T> cases, Consumer<T> property) {
        for (int seed = 0; seed < tries; seed++) {
            T drawn = cases.apply(new SplittableRandom(seed));
            try {
                property.accept(drawn);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("seed " + seed + ", case " + drawn + ": " + e.getMessage(), e);
            }
        }
    }
}
