package io.synod.kv.consensus.api;

import java.util.SplittableRandom;

/** The only source of randomness an engine may use, so that a seed replays every decision. */
public interface RandomSource {

    /** A uniformly distributed int in {@code [0, bound)}. */
    int nextInt(int bound);

    long nextLong();

    static RandomSource seeded(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return new RandomSource() {
            @Override
            public int nextInt(int bound) {
                return r.nextInt(bound);
            }

            @Override
            public long nextLong() {
                return r.nextLong();
            }
        };
    }
}
