package io.synod.kv.transport.grpc;

import org.slf4j.Logger;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Logs a recurring problem at WARN at most once per interval, noting how many occurrences were
 * left out since; the others go to DEBUG. Keeps a flood of bad input from flooding the log.
 */
final class RateLimitedWarning {

    private final Logger log;
    private final long intervalNanos;
    private final AtomicLong nextWarnNanos;
    private final AtomicLong suppressed = new AtomicLong();

    RateLimitedWarning(Logger log, long intervalNanos) {
        this.log = log;
        this.intervalNanos = intervalNanos;
        this.nextWarnNanos = new AtomicLong(System.nanoTime());
    }

    void log(String message) {
        long now = System.nanoTime();
        long next = nextWarnNanos.get();
        if (now - next >= 0 && nextWarnNanos.compareAndSet(next, now + intervalNanos)) {
            long skipped = suppressed.getAndSet(0);
            log.warn(skipped == 0 ? message : message + " (" + skipped + " similar since the last warning)");
        } else {
            suppressed.incrementAndGet();
            log.debug(message);
        }
    }
}
