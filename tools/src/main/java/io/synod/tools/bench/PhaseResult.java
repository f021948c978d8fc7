package io.synod.tools.bench;

import org.HdrHistogram.Histogram;

/** The outcome of one benchmark phase: one operation kind at one client count. Latencies in ms. */
public record PhaseResult(String op, int clients, double seconds, long ops, long errors, double opsPerSec,
                          double p50Ms, double p99Ms, double p999Ms, double maxMs) {

    /** Summarises the latencies (nanoseconds) of the operations answered in {@code seconds}. */
    public static PhaseResult of(String op, int clients, double seconds, Histogram latenciesNanos, long errors) {
        long ops = latenciesNanos.getTotalCount();
        return new PhaseResult(op, clients, seconds, ops, errors, ops / seconds,
                ms(latenciesNanos.getValueAtPercentile(50)), ms(latenciesNanos.getValueAtPercentile(99)),
                ms(latenciesNanos.getValueAtPercentile(99.9)), ms(latenciesNanos.getMaxValue()));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
