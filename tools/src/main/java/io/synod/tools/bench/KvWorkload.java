package io.synod.tools.bench;

import io.synod.kv.client.Consistency;
import io.synod.kv.client.KvClient;
import io.synod.kv.client.KvException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Closed-loop KV load: N client threads share one {@link KvClient}, each issuing its next
 * operation as soon as the previous one answers, over a fixed key space. A warm-up period is
 * run but not recorded.
 */
final class KvWorkload {

    enum Op { PUT, GET }

    static final int KEYS = 1_000;
    /** Concurrent clients of the initial warm-up. */
    static final int WARMUP_CLIENTS = 16;

    private final KvClient client;
    private final byte[] value;

    KvWorkload(KvClient client, int valueBytes) {
        this.client = client;
        this.value = new byte[valueBytes];
        Arrays.fill(value, (byte) 'v');
    }

    /** Writes every key once so that gets find values. */
    void preload() {
        for (int k = 0; k < KEYS; k++) {
            client.put(key(k), value);
        }
    }

    /**
     * Unrecorded mixed load (half the clients put, half get) before the first phase: a freshly
     * started JVM node spends its first seconds compiling the hot paths, and a phase measured
     * meanwhile shows the compiler, not the database.
     */
    void warmUp(Duration duration) throws InterruptedException {
        if (duration.isZero()) {
            return;
        }
        // One closed-loop phase whose summary is dropped: nothing from the warm-up is reported.
        ClosedLoop.run("warmup", WARMUP_CLIENTS, Duration.ZERO, duration, t -> {
            Op op = Op.values()[t % Op.values().length];
            SplittableRandom random = new SplittableRandom(t);
            return () -> call(op, key(random.nextInt(KEYS)));
        });
    }

    PhaseResult run(Op op, int clients, Duration warmup, Duration measured) throws InterruptedException {
        return ClosedLoop.run(op.name().toLowerCase(Locale.ROOT), clients, warmup, measured, t -> {
            SplittableRandom random = new SplittableRandom(31L * t + op.ordinal());
            return () -> call(op, key(random.nextInt(KEYS)));
        });
    }

    private boolean call(Op op, byte[] key) {
        try {
            if (op == Op.PUT) {
                client.put(key, value);
            } else {
                client.get(key, Consistency.LINEARIZABLE);
            }
            return true;
        } catch (KvException e) {
            return false;
        }
    }

    private static byte[] key(int k) {
        return String.format("bench/%05d", k).getBytes(StandardCharsets.UTF_8);
    }
}
