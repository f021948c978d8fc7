package io.synod.tools.bench;

/** The outcome of one benchmark phase: one operation kind at one client count. Latencies in ms. */
public record PhaseResult(String op, int clients, double seconds, long ops, long errors, double opsPerSec,
                          double p50Ms, double p99Ms, double p999Ms, double maxMs) {
}
