package io.synod.tools.sim;

import io.synod.kv.sim.SimResult;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/** Totals over a batch of runs, and the final line the CLI prints. */
final class SimSummary {

    private final long startNanos;
    private long commandsCommitted;
    private long messagesDelivered;
    private long violations;
    private int failedRuns;
    private long lastDigest;

    SimSummary(long startNanos) {
        this.startNanos = startNanos;
    }

    void add(SimResult result) {
        commandsCommitted += result.commandsCommitted();
        messagesDelivered += result.messagesDelivered();
        violations += result.violations().size();
        if (!result.passed()) {
            failedRuns++;
        }
        lastDigest = result.traceDigest();
    }

    long violations() {
        return violations;
    }

    int failedRuns() {
        return failedRuns;
    }

    long lastDigest() {
        return lastDigest;
    }

    String describe(int runs, int nodes) {
        double wallSeconds = (System.nanoTime() - startNanos) / 1e9;
        return String.format("%s: %d runs of %d nodes, %d failed, %d violations, %d commands committed, "
                        + "%d messages delivered, wall time %.1fs, peak heap %d MiB",
                failedRuns == 0 ? "PASS" : "FAIL", runs, nodes, failedRuns, violations, commandsCommitted,
                messagesDelivered, wallSeconds, peakHeapBytes() >> 20);
    }

    /** The sum of every heap pool's peak usage since the JVM started. */
    private static long peakHeapBytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
