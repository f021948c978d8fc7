package io.synod.tools.sim;

import io.synod.kv.sim.SimResult;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs independent simulation runs on a few threads. Each run is single-threaded and
 * deterministic on its own, so running several at once changes only the wall time; results are
 * reported in run order.
 */
final class SimBatch {

    private static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;

    private final int runs;
    private final int threads;
    private final IntFunction<SimResult> runner;

    SimBatch(int runs, int threads, IntFunction<SimResult> runner) {
        this.runs = runs;
        this.threads = Math.max(1, Math.min(threads, runs));
        this.runner = runner;
    }

    SimSummary run(Consumer<SimResult> onResult, Consumer<String> onProgress) {
        long start = System.nanoTime();
        SimSummary summary = new SimSummary(start);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sim-run");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<SimResult>> futures = new ArrayList<>(runs);
            for (int i = 0; i < runs; i++) {
                int run = i;
                futures.add(pool.submit(() -> runner.apply(run)));
            }
            long lastProgress = start;
            for (int i = 0; i < runs; i++) {
                SimResult result = await(futures.get(i));
                summary.add(result);
                onResult.accept(result);
                long now = System.nanoTime();
                if (now - lastProgress >= PROGRESS_EVERY_NANOS && i + 1 < runs) {
                    lastProgress = now;
                    onProgress.accept(String.format("  %d/%d runs, %d failing, %.0fs", i + 1, runs,
                            summary.failedRuns(), (now - start) / 1e9));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return summary;
    }

    private static SimResult await(Future<SimResult> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a simulation run", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("simulation run crashed: " + e.getCause(), e.getCause());
        }
    }
}
