package io.synod.sql.sys;

import java.util.Arrays;

/** The last few latency observations of one node, for percentiles. Thread-safe. */
final class LatencyWindow {

    private final double[] millis;
    private int next;
    private int size;

    LatencyWindow(int capacity) {
        this.millis = new double[capacity];
    }

    synchronized void add(double ms) {
        millis[next] = ms;
        next = (next + 1) % millis.length;
        size = Math.min(size + 1, millis.length);
    }

    synchronized int size() {
        return size;
    }

    /** The {@code p}-quantile (0..1) by nearest rank; NaN when empty. */
    synchronized double percentile(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        double[] sorted = Arrays.copyOf(millis, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p * size) - 1;
        return sorted[Math.max(0, Math.min(size - 1, rank))];
    }
}
