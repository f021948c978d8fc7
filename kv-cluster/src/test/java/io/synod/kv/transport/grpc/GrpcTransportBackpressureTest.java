package io.synod.kv.transport.grpc;

import io.synod.kv.transport.HostedGroups;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GrpcTransportBackpressureTest {

    private static final HostedGroups GROUPS = HostedGroups.of(Map.of(1L, Set.of(1L, 2L)));

    @Test
    void stalledReceiverMakesTheSenderDropInsteadOfBuffering() throws Exception {
        int queueMessages = 200;
        long queueBytes = 256 * 1024;
        int payload = 1024;
        int total = 20_000;
        CountDownLatch stall = new CountDownLatch(1);
        AtomicLong delivered = new AtomicLong();
        try (TestNode receiver = TestNode.start(GrpcTransportConfig.defaults("c", 2), GROUPS, Map.of());
             TestNode sender = TestNode.start(GrpcTransportConfig.defaults("c", 1)
                     .withQueueLimits(queueMessages, queueBytes), GROUPS, Map.of())) {
            try {
                // The handler blocks the receiver's only I/O thread: it stops reading its socket.
                receiver.listen(1, m -> {
                    delivered.incrementAndGet();
                    awaitQuietly(stall);
                });
                sender.transport.setPeerAddress(2, receiver.address());
                sender.transport.send(1, Messages.append(1, 2, 2, payload));
                Eventually.await("the receiver stalls on the first message", Duration.ofSeconds(15),
                        () -> delivered.get() == 1);

                long maxQueuedBytes = 0;
                for (int i = 0; i < total; i++) {
                    sender.transport.send(1, Messages.append(1, 2, 3 + i, payload));
                    if (i % 100 == 0) {
                        maxQueuedBytes = Math.max(maxQueuedBytes, sender.transport.stats(2).queuedBytes());
                        Thread.sleep(1);
                    }
                }
                PeerStats stats = sender.transport.stats(2);
                int envelopeBytes = payload + 100;
                assertThat(stats.dropped()).isGreaterThan(total / 2);
                assertThat(stats.queuedMessages()).isLessThanOrEqualTo(queueMessages);
                assertThat(maxQueuedBytes).isLessThanOrEqualTo(queueBytes);
                // What left the queue is held by HTTP/2 flow control (about one window), not more.
                assertThat(stats.sent() * envelopeBytes).isLessThan(4L * 1024 * 1024);
                assertThat(stats.sent() + stats.dropped() + stats.queuedMessages()).isEqualTo(total + 1);
            } finally {
                stall.countDown();
            }
            long before = delivered.get();
            Eventually.awaitWhile("traffic flows again once the receiver catches up", Duration.ofSeconds(15),
                    () -> delivered.get() > before + 10,
                    () -> sender.transport.send(1, Messages.heartbeat(1, 2, 0)));
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
