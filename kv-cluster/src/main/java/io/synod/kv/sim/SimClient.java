package io.synod.kv.sim;

import io.synod.kv.check.linearizability.KvInput;
import io.synod.kv.check.linearizability.KvOutput;
import io.synod.kv.check.linearizability.Operation;
import io.synod.kv.check.safety.AcknowledgedWriteChecker;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.SplittableRandom;

/**
 * A sequential client: one operation at a time on a small key set, so clients contend. A request
 * that gets no answer is re-sent (same session sequence, so the state machine deduplicates it) to
 * another node; a determinate rejection is re-sent to the hinted leader. An operation unanswered
 * at its deadline is recorded as indeterminate (reads, which change nothing, are then dropped).
 */
final class SimClient {

    /** What a client needs from the simulation around it. */
    interface Environment {
        long nowMicros();

        void send(long nodeId, ClientRequest request);

        /** The nodes worth contacting now (members that were not removed), in id order. */
        List<Long> contactableNodes();

        void afterMicros(long delayMicros, EventQueue.Action action);

        /** Claims one operation from the run's budget; false once the workload is over. */
        boolean claimOperation();

        long nextOperationId();

        void record(Operation operation);

        void acknowledged(AcknowledgedWriteChecker.Ack ack);
    }

    /**
     * The share of each operation kind, in percent (compare-and-set takes the rest), and whether
     * one read in five goes through the log instead of a read-index read.
     */
    record Mix(int getPercent, int putPercent, int deletePercent, boolean someReadsViaLog) {
        /** Every operation kind and both read paths, on a few keys: clients contend. */
        static final Mix CORRECTNESS = new Mix(35, 30, 10, true);
        /** Half puts, half read-index reads, as the real-cluster benchmark issues. */
        static final Mix BENCHMARK = new Mix(50, 50, 0, false);
    }

    private static final long RETRY_MICROS = 100_000;

    private final int id;
    private final int keys;
    private final long deadlineMicros;
    private final long meanThinkMicros;
    private final Mix mix;
    private final SplittableRandom random;
    private final Environment env;
    private final Map<String, String> lastSeen = new HashMap<>();
    private final Queue<KvInput> scripted = new ArrayDeque<>();

    private ClientRequest current;
    private long callTimeMicros;
    private long targetNode;
    private long attempt;
    private long sequence;
    private boolean idle = true;

    SimClient(int id, int keys, long deadlineMicros, long meanThinkMicros, Mix mix, SplittableRandom random,
              Environment env) {
        this.id = id;
        this.meanThinkMicros = meanThinkMicros;
        this.mix = mix;
        this.keys = keys;
        this.deadlineMicros = deadlineMicros;
        this.random = random;
        this.env = env;
        this.targetNode = randomNode();
    }

    private long randomNode() {
        List<Long> nodes = env.contactableNodes();
        return nodes.get(random.nextInt(nodes.size()));
    }

    boolean isIdle() {
        return idle;
    }

    /** Starts issuing operations after a short random think time. */
    void start() {
        idle = false;
        env.afterMicros(random.nextLong(2 * meanThinkMicros + 1), this::next);
    }

    /** Queues operations that run before any random ones, outside the budget (final reads). */
    void script(KvInput input) {
        scripted.add(input);
        if (idle) {
            idle = false;
            env.afterMicros(0, this::next);
        }
    }

    private void next() {
        KvInput input = scripted.poll();
        if (input == null) {
            if (!env.claimOperation()) {
                idle = true;
                return;
            }
            input = randomInput();
        }
        boolean viaLog = random.nextInt(5) == 0 && mix.someReadsViaLog();
        current = new ClientRequest(id, ++sequence, env.nextOperationId(), input, viaLog);
        callTimeMicros = env.nowMicros();
        long opId = current.opId();
        env.afterMicros(deadlineMicros, () -> onDeadline(opId));
        sendAttempt();
    }

    private void sendAttempt() {
        long thisAttempt = ++attempt;
        env.send(targetNode, current);
        env.afterMicros(RETRY_MICROS, () -> {
            if (current != null && attempt == thisAttempt) {
                targetNode = randomNode();
                sendAttempt();
            }
        });
    }

    void onReply(ClientReply reply) {
        if (current == null || reply.opId() != current.opId()) {
            return;
        }
        if (reply.rejected()) {
            long hint = reply.leaderHint();
            boolean useful = hint != 0 && hint != targetNode;
            targetNode = useful ? hint : randomNode();
            attempt++;
            long opId = current.opId();
            env.afterMicros(useful ? 500 : 5_000 + random.nextLong(15_000), () -> resendIfStillCurrent(opId));
            return;
        }
        complete(reply);
    }

    private void resendIfStillCurrent(long opId) {
        if (current != null && current.opId() == opId) {
            sendAttempt();
        }
    }

    private void complete(ClientReply reply) {
        KvInput input = current.input();
        env.record(Operation.completed(current.opId(), id, input, callTimeMicros, env.nowMicros(), reply.output()));
        if (reply.index() > 0 && input.kind() != KvInput.Kind.GET) {
            env.acknowledged(new AcknowledgedWriteChecker.Ack(id, current.sequence(), reply.index(), reply.term(),
                    reply.dataHash()));
        }
        remember(input, reply.output());
        finishCurrent();
    }

    private void onDeadline(long opId) {
        if (current == null || current.opId() != opId) {
            return;
        }
        if (current.input().kind() != KvInput.Kind.GET) {
            env.record(Operation.indeterminate(opId, id, current.input(), callTimeMicros));
        }
        finishCurrent();
    }

    private void finishCurrent() {
        current = null;
        attempt++;
        env.afterMicros(scripted.isEmpty() ? random.nextLong(2 * meanThinkMicros + 1) : 0, this::next);
    }

    private void remember(KvInput input, KvOutput output) {
        switch (input.kind()) {
            case GET -> lastSeen.put(input.key(), output.value());
            case PUT -> lastSeen.put(input.key(), input.value());
            case DELETE -> lastSeen.remove(input.key());
            case CAS -> {
                if (output.succeeded()) {
                    lastSeen.put(input.key(), input.value());
                }
            }
        }
    }

    private KvInput randomInput() {
        String key = "k" + random.nextInt(keys);
        String value = "c" + id + "." + (sequence + 1);
        int dice = random.nextInt(100);
        if (dice < mix.getPercent()) {
            return KvInput.get(key);
        }
        if (dice < mix.getPercent() + mix.putPercent()) {
            return KvInput.put(key, value);
        }
        if (dice < mix.getPercent() + mix.putPercent() + mix.deletePercent()) {
            return KvInput.delete(key);
        }
        String expected = random.nextInt(4) == 0 ? null : lastSeen.get(key);
        return KvInput.cas(key, expected, value);
    }
}
