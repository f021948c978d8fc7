package io.synod.kv.sim;

import java.util.SplittableRandom;

/**
 * The physical setting of one run: network latency, disk, log compaction, key space and message
 * limits. Correctness runs draw it from the seed; a benchmark fixes it.
 */
record RunSetting(long baseLatencyMicros, long jitterMicros, SimDisk.Latency diskLatency, long compactionThreshold,
                  int keys, SimNode.FlowControl flowControl) {

    private static final SimNode.FlowControl GENEROUS_FLOW = new SimNode.FlowControl(256, 1 << 20, 256 << 10);
    private static final long BENCHMARK_COMPACTION_THRESHOLD = 10_000;

    static RunSetting draw(SplittableRandom root) {
        long baseLatency = 200 + root.nextLong(800);
        long jitter = 100 + root.nextLong(1_500);
        SimDisk.Latency disk = new SimDisk.Latency(50 + root.nextLong(1_000), 50 + root.nextLong(1_000),
                root.nextDouble() * 0.08, 5_000 + root.nextLong(60_000));
        long compactionThreshold = 5 + root.nextLong(150);
        int keys = 2 + root.nextInt(4);
        // Half the runs use tiny message limits: appends carry a few entries, snapshots many chunks.
        SimNode.FlowControl flowControl = root.nextBoolean()
                ? new SimNode.FlowControl(1 + root.nextInt(8), 100 + root.nextInt(900), 64 + root.nextInt(1_000))
                : GENEROUS_FLOW;
        return new RunSetting(baseLatency, jitter, disk, compactionThreshold, keys, flowControl);
    }

    static RunSetting of(SimBenchmark bench) {
        return new RunSetting(bench.linkLatencyMicros(), bench.linkJitterMicros(),
                new SimDisk.Latency(bench.fsyncMicros(), 0, 0, 0), BENCHMARK_COMPACTION_THRESHOLD, bench.keys(),
                GENEROUS_FLOW);
    }
}
