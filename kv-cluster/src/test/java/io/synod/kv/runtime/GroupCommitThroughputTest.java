package io.synod.kv.runtime;

import com.google.protobuf.ByteString;
import io.synod.kv.statemachine.KvCommands;
import io.synod.kv.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Puts per second with 16 concurrent writers against a 3-node in-JVM cluster on LMDB. Prints
 * the figures rather than asserting them (shared machines are noisy); asserts only that writes
 * were batched, i.e. that one fsync carried more than one entry on the leader.
 */
@Timeout(60)
class GroupCommitThroughputTest {

    private static final int WRITERS = 16;
    private static final long MEASURE_NANOS = 3_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void sixteenConcurrentWritersShareFsyncs() throws Exception {
        try (LocalCluster cluster = new LocalCluster(dir, 3, UnaryOperator.identity())) {
            long leader = cluster.awaitLeader();
            GroupReplica<?> replica = cluster.replica(leader);
            cluster.put("warm", "up");
            ReplicaStatus before = cluster.status(leader);
            AtomicLong acknowledged = new AtomicLong();
            long end = System.nanoTime() + MEASURE_NANOS;
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                ByteString prefix = ByteString.copyFromUtf8("writer-" + w + "-");
                Thread t = new Thread(() -> {
                    ByteString value = ByteString.copyFrom(new byte[100]);
                    for (long i = 0; System.nanoTime() - end < 0; i++) {
                        ByteString key = prefix.concat(ByteString.copyFromUtf8(Long.toString(i)));
                        Await.result(replica.propose(KvCommands.put(key, value)));
                        acknowledged.incrementAndGet();
                    }
                });
                writers.add(t);
                t.start();
            }
            for (Thread t : writers) {
                t.join();
            }
            ReplicaStatus after = cluster.status(leader);
            long syncs = after.syncs() - before.syncs();
            long entries = after.entriesPersisted() - before.entriesPersisted();
            double seconds = MEASURE_NANOS / 1e9;
            System.out.printf("group commit: %d writers, %.0f puts/s, leader %d fsyncs (%.0f/s), %.1f entries per fsync%n",
                    WRITERS, acknowledged.get() / seconds, syncs, syncs / seconds, (double) entries / syncs);
            assertThat(entries).isGreaterThan(syncs);
        }
    }
}
