package io.synod.tools.bench;

import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * A closed-loop load phase: N client threads, each issuing its next operation as soon as the
 * previous one answers; operations finished during the warm-up are not recorded.
 */
public final class ClosedLoop {

    /** One client's operations; {@link #next} returns false for a failed operation (counted, not timed). */
    public interface Client extends AutoCloseable {
        boolean next() throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    public static final long MAX_LATENCY_NANOS = TimeUnit.SECONDS.toNanos(60);

    private ClosedLoop() {
    }

    /** Runs {@code clients} clients made by {@code newClient(index)} and summarises what they recorded. */
    public static PhaseResult run(String op, int clients, Duration warmup, Duration measured, IntFunction<Client> newClient)
            throws InterruptedException {
        long recordFrom = System.nanoTime() + warmup.toNanos();
        long end = recordFrom + measured.toNanos();
        AtomicLong errors = new AtomicLong();
        List<Histogram> histograms = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> crashes = new ArrayList<>();
        for (int t = 0; t < clients; t++) {
            Histogram histogram = new Histogram(MAX_LATENCY_NANOS, 3);
            histograms.add(histogram);
            int index = t;
            Thread thread = new Thread(() -> {
                try (Client client = newClient.apply(index)) {
                    long now = System.nanoTime();
                    while (now - end < 0) {
                        long began = now;
                        boolean ok = client.next();
                        now = System.nanoTime();
                        if (began - recordFrom >= 0) {
                            if (ok) {
                                histogram.recordValue(Math.min(now - began, MAX_LATENCY_NANOS));
                            } else {
                                errors.incrementAndGet();
                            }
                        }
                    }
                } catch (Exception | Error e) {
                    synchronized (crashes) {
                        crashes.add(e);
                    }
                }
            }, "bench-" + op + "-" + t);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (!crashes.isEmpty()) {
            throw new IllegalStateException(op + ": " + crashes.size() + " of " + clients + " clients failed: "
                    + crashes.get(0).getMessage(), crashes.get(0));
        }
        Histogram all = new Histogram(MAX_LATENCY_NANOS, 3);
        histograms.forEach(all::add);
        return PhaseResult.of(op, clients, measured.toNanos() / 1e9, all, errors.get());
    }
}
