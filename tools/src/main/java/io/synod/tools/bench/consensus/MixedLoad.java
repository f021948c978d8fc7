package io.synod.tools.bench.consensus;

import io.synod.kv.client.Consistency;
import io.synod.kv.client.KvClient;
import io.synod.kv.client.KvException;
import io.synod.tools.bench.ClosedLoop;
import io.synod.tools.bench.PhaseResult;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The benchmark's load on a real cluster, the one the simulator's benchmark clients run too:
 * closed-loop clients sharing one {@link KvClient}, each choosing half puts and half linearizable
 * gets over a fixed key space.
 */
final class MixedLoad {

    private final KvClient client;
    private final int keys;
    private final byte[] value;

    MixedLoad(KvClient client, int keys, int valueBytes) {
        this.client = client;
        this.keys = keys;
        this.value = new byte[valueBytes];
        Arrays.fill(value, (byte) 'v');
    }

    /** Writes every key once so that gets find values. */
    void preload() {
        for (int k = 0; k < keys; k++) {
            client.put(key(k), value);
        }
    }

    /** {@code clients} closed-loop clients; client {@code t} draws its choices from {@code seed} and t. */
    PhaseResult run(int clients, Duration warmup, Duration measured, long seed) throws InterruptedException {
        return ClosedLoop.run("mixed", clients, warmup, measured, t -> {
            SplittableRandom random = new SplittableRandom(seed * 31 + t);
            return () -> call(random.nextBoolean(), key(random.nextInt(keys)));
        });
    }

    private boolean call(boolean put, byte[] key) {
        try {
            if (put) {
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
