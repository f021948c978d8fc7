package io.synod.kv.transport.grpc;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition that real networking makes true only after a while. */
final class Eventually {

    private Eventually() {
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        awaitWhile(what, timeout, condition, () -> { });
    }

    /** Runs {@code step} (for example: send another probe) between polls until the condition holds. */
    static void awaitWhile(String what, Duration timeout, BooleanSupplier condition, Runnable step)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
            }
            step.run();
            Thread.sleep(10);
        }
    }
}
