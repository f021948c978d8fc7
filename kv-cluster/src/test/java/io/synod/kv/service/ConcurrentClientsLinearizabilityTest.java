package io.synod.kv.service;

import io.synod.kv.check.linearizability.CheckResult;
import io.synod.kv.check.linearizability.KvInput;
import io.synod.kv.check.linearizability.KvOutput;
import io.synod.kv.check.linearizability.LinearizabilityChecker;
import io.synod.kv.check.linearizability.Operation;
import io.synod.kv.client.AdminClient;
import io.synod.kv.client.KeyValue;
import io.synod.kv.client.KvClient;
import io.synod.kv.client.KvException;
import io.synod.kv.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Eight client threads share one {@link KvClient} (200 operations each on three keys) while
 * leadership moves twice; the recorded history must be linearizable. Operations whose outcome
 * the client reports unknown enter the history as indeterminate; failures known not to have
 * taken effect are left out.
 */
@Timeout(150)
class ConcurrentClientsLinearizabilityTest {

    private static final int THREADS = 8;
    private static final int OPS_PER_THREAD = 200;
    private static final String[] KEYS = {"k0", "k1", "k2"};

    @TempDir
    Path dir;

    @Test
    void concurrentClientsProduceALinearizableHistory() throws Exception {
        List<Operation> history = Collections.synchronizedList(new ArrayList<>());
        AtomicLong ids = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
        try (ServiceCluster cluster = new ServiceCluster(dir, 3);
             KvClient client = KvClient.builder(cluster.addresses()).callTimeout(Duration.ofSeconds(15)).build();
             AdminClient admin = AdminClient.connect(cluster.addresses().toArray(String[]::new))) {
            cluster.awaitLeader();
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                workers.add(pool.submit(() -> runClient(client, thread, ids, history)));
            }
            Future<?> faults = pool.submit(() -> moveLeadership(cluster, admin));
            for (Future<?> w : workers) {
                w.get(120, TimeUnit.SECONDS);
            }
            faults.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        assertThat(history).hasSizeGreaterThan(THREADS * OPS_PER_THREAD * 9 / 10);
        CheckResult result = LinearizabilityChecker.check(new ArrayList<>(history));
        assertThat(result.verdict()).as("%s", result).isEqualTo(CheckResult.Verdict.OK);
    }

    private static void moveLeadership(ServiceCluster cluster, AdminClient admin) {
        for (int i = 0; i < 2; i++) {
            Await.sleep(700);
            long leader = cluster.awaitLeader();
            try {
                admin.transferLeadership(cluster.someFollower(leader));
            } catch (KvException e) {
                // A transfer that does not finish in time still disturbs the cluster, which is the point.
            }
        }
    }

    private static void runClient(KvClient client, int thread, AtomicLong ids, List<Operation> history) {
        Random random = new Random(thread);
        String lastSeen = null;
        for (int i = 0; i < OPS_PER_THREAD; i++) {
            String key = KEYS[random.nextInt(KEYS.length)];
            String value = "t" + thread + "-" + i;
            int dice = random.nextInt(10);
            KvInput input = dice < 4 ? KvInput.get(key)
                    : dice < 7 ? KvInput.put(key, value)
                    : dice < 9 ? KvInput.cas(key, random.nextBoolean() ? lastSeen : null, value)
                    : KvInput.delete(key);
            long id = ids.incrementAndGet();
            long call = System.nanoTime();
            try {
                KvOutput output = execute(client, input);
                history.add(Operation.completed(id, thread, input, call, System.nanoTime(), output));
                if (input.kind() == KvInput.Kind.GET) {
                    lastSeen = output.value();
                }
            } catch (KvException e) {
                if (e.kind() == KvException.Kind.OUTCOME_UNKNOWN) {
                    history.add(Operation.indeterminate(id, thread, input, call));
                } else if (input.kind() != KvInput.Kind.GET) {
                    throw new AssertionError("write failed with a known outcome other than success", e);
                }
            }
        }
    }

    private static KvOutput execute(KvClient client, KvInput in) {
        byte[] key = bytes(in.key());
        return switch (in.kind()) {
            case GET -> KvOutput.read(client.get(key).map(KeyValue::valueUtf8).orElse(null));
            case PUT -> {
                client.put(key, bytes(in.value()));
                yield KvOutput.OK;
            }
            case DELETE -> {
                client.delete(key);
                yield KvOutput.OK;
            }
            case CAS -> KvOutput.cas(client.compareAndSet(key,
                    in.expected() == null ? null : bytes(in.expected()), bytes(in.value())).succeeded());
        };
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
