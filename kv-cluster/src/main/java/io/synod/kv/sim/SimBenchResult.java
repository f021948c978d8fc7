package io.synod.kv.sim;

/**
 * What a benchmark run measured: the latency of every operation answered inside the measured
 * window, the operations that got no answer in time, and the run's checks.
 *
 * @param latenciesMicros virtual microseconds from call to answer, in completion order
 * @param unanswered      writes issued in the window whose outcome stayed unknown at their deadline
 */
public record SimBenchResult(SimResult run, long measureMicros, long[] latenciesMicros, long unanswered) {

    /** Answered operations per simulated second. */
    public double opsPerSecond() {
        return latenciesMicros.length / (measureMicros / 1e6);
    }
}
