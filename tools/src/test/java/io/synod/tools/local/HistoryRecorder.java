package io.synod.tools.local;

import io.synod.kv.check.linearizability.KvInput;
import io.synod.kv.check.linearizability.KvOutput;
import io.synod.kv.check.linearizability.Operation;
import io.synod.kv.client.Consistency;
import io.synod.kv.client.KeyValue;
import io.synod.kv.client.KvClient;
import io.synod.kv.client.KvException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Concurrent clients of a real cluster recording a history for the linearizability checker:
 * puts of unique values and linearizable gets on a few keys, timed with {@link System#nanoTime}.
 * A put that fails is indeterminate (it may have been applied); a get that fails had no effect
 * and is left out.
 */
final class HistoryRecorder {

    private final KvClient client;
    private final int keys;
    private final AtomicLong ids = new AtomicLong();
    private final List<Operation> history = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    HistoryRecorder(KvClient client, int keys) {
        this.client = client;
        this.keys = keys;
    }

    void start(int clients) {
        for (int c = 0; c < clients; c++) {
            int clientId = c;
            Thread t = new Thread(() -> runClient(clientId), "history-client-" + c);
            threads.add(t);
            t.start();
        }
    }

    /** Stops the clients and waits for their last operations. */
    void stop() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join();
        }
    }

    /** Reads every key once more (after {@link #stop}) and records those reads too. */
    void finalReads() {
        for (int k = 0; k < keys; k++) {
            String key = key(k);
            long call = System.nanoTime();
            Optional<KeyValue> kv = client.get(bytes(key), Consistency.LINEARIZABLE);
            record(Operation.completed(ids.incrementAndGet(), -1, KvInput.get(key), call, System.nanoTime(),
                    KvOutput.read(kv.map(KeyValue::valueUtf8).orElse(null))));
        }
    }

    synchronized List<Operation> history() {
        return List.copyOf(history);
    }

    static String key(int k) {
        return "key-" + k;
    }

    private void runClient(int clientId) {
        SplittableRandom random = new SplittableRandom(clientId);
        int seq = 0;
        while (running) {
            String key = key(random.nextInt(keys));
            long id = ids.incrementAndGet();
            long call = System.nanoTime();
            if (random.nextBoolean()) {
                String value = "c" + clientId + "-" + seq++;
                KvInput input = KvInput.put(key, value);
                try {
                    client.put(bytes(key), bytes(value));
                    record(Operation.completed(id, clientId, input, call, System.nanoTime(), KvOutput.OK));
                } catch (KvException e) {
                    record(Operation.indeterminate(id, clientId, input, call));
                }
            } else {
                try {
                    Optional<KeyValue> kv = client.get(bytes(key), Consistency.LINEARIZABLE);
                    record(Operation.completed(id, clientId, KvInput.get(key), call, System.nanoTime(),
                            KvOutput.read(kv.map(KeyValue::valueUtf8).orElse(null))));
                } catch (KvException e) {
                    // A failed read changed nothing: it is not part of the history.
                }
            }
        }
    }

    private synchronized void record(Operation op) {
        history.add(op);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
