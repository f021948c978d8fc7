package io.synod.kv.sim;

import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.consensus.api.HardState;
import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.api.RepairFloor;
import io.synod.kv.consensus.api.Snapshot;
import io.synod.kv.storage.mem.MemoryLogStore;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * One node's simulated disk. Each fsync takes a random time (with rare stalls). Writes land in the page cache at once (the {@link #live()} store the
 * engine reads) and become durable only at the next {@link #sync()}; until then they are queued
 * and replayed onto the durable copy. A crash keeps the durable copy, and either flushes the queue
 * (the OS wrote it back in time) or loses it (fault LOSE_UNSYNCED).
 */
final class SimDisk {

    /** How long one fsync takes: a base, exponential jitter and rare long stalls. */
    record Latency(long baseMicros, long jitterMeanMicros, double stallRate, long stallMaxMicros) {
    }

    private final ConfState bootstrap;
    private final Latency latency;
    private final SplittableRandom random;
    private MemoryLogStore durable;
    private MemoryLogStore live;
    private final List<Consumer<MemoryLogStore>> unsynced = new ArrayList<>();

    SimDisk(ConfState bootstrap, Latency latency, SplittableRandom random) {
        this.bootstrap = bootstrap;
        this.latency = latency;
        this.random = random;
        this.durable = new MemoryLogStore(bootstrap);
        this.live = durable.copy();
    }

    /** The store as the running node sees it, including writes not yet synced. */
    MemoryLogStore live() {
        return live;
    }

    /** What would survive a crash with unsynced writes lost. */
    MemoryLogStore durable() {
        return durable;
    }

    void append(List<LogEntry> entries) {
        write(s -> s.append(entries));
    }

    void setHardState(HardState hardState) {
        write(s -> s.setHardState(hardState));
    }

    void setEngineState(byte[] engineState) {
        write(s -> s.setEngineState(engineState));
    }

    void installSnapshot(Snapshot snapshot) {
        write(s -> s.installSnapshot(snapshot));
    }

    void compact(long index, byte[] stateMachineData, ConfState conf) {
        write(s -> s.compact(index, stateMachineData, conf));
    }

    /** Draws the duration of the next fsync. */
    long nextSyncMicros() {
        long micros = latency.baseMicros() + (long) (-Math.log(1 - random.nextDouble()) * latency.jitterMeanMicros());
        if (random.nextDouble() < latency.stallRate()) {
            micros += random.nextLong(latency.stallMaxMicros() + 1);
        }
        return micros;
    }

    /** Makes every write so far durable. */
    void sync() {
        for (Consumer<MemoryLogStore> w : unsynced) {
            w.accept(durable);
        }
        unsynced.clear();
    }

    /**
     * Simulates losing power. With {@code loseUnsynced} the queued writes vanish; otherwise they
     * reach the disk first. Afterwards the live store restarts from the durable one.
     */
    void crash(boolean loseUnsynced) {
        if (loseUnsynced) {
            unsynced.clear();
        } else {
            sync();
        }
        live = durable.copy();
    }

    /**
     * The stored log was found damaged and is replaced, as the node runtime does: by an empty
     * store (bootstrapped like a new replica) that keeps the term and vote and records the last
     * entry held as the repair floor, durable at once.
     */
    void wipeForRepair() {
        crash(false);
        HardState kept = durable.hardState();
        RepairFloor floor = durable.floorAfterDamage();
        durable = new MemoryLogStore(bootstrap);
        durable.beginRepair(kept.term(), kept.vote(), floor);
        live = durable.copy();
    }

    private void write(Consumer<MemoryLogStore> w) {
        w.accept(live);
        unsynced.add(w);
    }
}
