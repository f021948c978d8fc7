package io.synod.kv.transport.grpc;

import io.synod.kv.transport.HostedGroups;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** Measures (prints) one-way messages/s between two transports on loopback; asserts only delivery. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GrpcTransportThroughputTest {

    private static final int PAYLOAD_BYTES = 64;
    private static final Duration WARMUP = Duration.ofSeconds(1);
    private static final Duration MEASURE = Duration.ofSeconds(3);

    @Test
    void appendsWithSixtyFourBytePayloads() throws Exception {
        HostedGroups groups = HostedGroups.of(Map.of(1L, Set.of(1L, 2L)));
        GrpcTransportConfig config = GrpcTransportConfig.defaults("bench", 1);
        AtomicLong delivered = new AtomicLong();
        try (TestNode receiver = TestNode.start(GrpcTransportConfig.defaults("bench", 2), groups, Map.of());
             TestNode sender = TestNode.start(config, groups, Map.of())) {
            receiver.listen(1, m -> delivered.incrementAndGet());
            sender.transport.setPeerAddress(2, receiver.address());

            long index = 2;
            long warmupEnd = System.nanoTime() + WARMUP.toNanos();
            while (System.nanoTime() < warmupEnd) {
                index = sendPaced(sender, index, config.queueMaxMessages());
            }
            long deliveredBefore = delivered.get();
            long start = System.nanoTime();
            long end = start + MEASURE.toNanos();
            while (System.nanoTime() < end) {
                index = sendPaced(sender, index, config.queueMaxMessages());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long count = delivered.get() - deliveredBefore;
            PeerStats stats = sender.transport.stats(2);
            System.out.printf("gRPC transport throughput: %,.0f APPEND messages/s (%d-byte payload, one stream, "
                            + "batches of up to %d); sent %,d in %,d writes, dropped %,d%n", count / seconds, PAYLOAD_BYTES,
                    config.batchMaxMessages(), stats.sent(), stats.writes(), stats.dropped());

            long sent = index - 2;
            Eventually.await("every queued message is delivered", Duration.ofSeconds(20),
                    () -> delivered.get() + sender.transport.stats(2).dropped() == sent);
            assertThat(receiver.transport.stats(1).rejected()).isZero();
        }
    }

    /** Sends a burst, then waits while the peer's queue is more than half full, so nothing is dropped. */
    private static long sendPaced(TestNode sender, long index, int queueLimit) {
        for (int i = 0; i < 256; i++) {
            sender.transport.send(1, Messages.append(1, 2, index++, PAYLOAD_BYTES));
        }
        while (sender.transport.stats(2).queuedMessages() > queueLimit / 2) {
            LockSupport.parkNanos(50_000);
        }
        return index;
    }
}
