package io.synod.kv.transport.grpc;

import io.synod.kv.transport.HostedGroups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GrpcTransportReconnectTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final HostedGroups GROUPS = HostedGroups.of(Map.of(1L, Set.of(1L, 2L)));

    private TestNode sender;
    private TestNode receiver;

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.close();
        }
        if (sender != null) {
            sender.close();
        }
    }

    private static GrpcTransportConfig config(long id) {
        return GrpcTransportConfig.defaults("c", id)
                .withReconnectBackoff(Duration.ofMillis(10), Duration.ofMillis(200));
    }

    @Test
    void peerThatStartsLateIsReachedOnceItListens() throws Exception {
        int port = freePort();
        sender = TestNode.start(config(1), GROUPS, Map.of(2L, "127.0.0.1:" + port));
        AtomicLong context = new AtomicLong();
        for (int i = 0; i < 20; i++) {
            sender.transport.send(1, Messages.heartbeat(1, 2, context.incrementAndGet()));
            Thread.sleep(15);
        }
        assertThat(sender.transport.stats(2).sent()).isZero();

        receiver = TestNode.startOnPort(config(2), GROUPS, Map.of(), port);
        receiver.listen(1);
        Eventually.awaitWhile("the late peer receives", WAIT, () -> !receiver.inbox(1).isEmpty(),
                () -> sender.transport.send(1, Messages.heartbeat(1, 2, context.incrementAndGet())));
        // What was queued while the peer was down goes out first, in order.
        assertThat(receiver.inbox(1).peek().context()).isEqualTo(1);
    }

    @Test
    void trafficResumesAfterThePeerRestarts() throws Exception {
        receiver = TestNode.start(config(2), GROUPS, Map.of());
        receiver.listen(1);
        int port = receiver.server.port();
        sender = TestNode.start(config(1), GROUPS, Map.of(2L, receiver.address()));
        AtomicLong context = new AtomicLong();
        sender.transport.send(1, Messages.heartbeat(1, 2, context.incrementAndGet()));
        Eventually.await("first delivery", WAIT, () -> receiver.inbox(1).size() == 1);

        receiver.close();
        receiver = null;
        for (int i = 0; i < 20; i++) {
            sender.transport.send(1, Messages.heartbeat(1, 2, context.incrementAndGet()));
            Thread.sleep(15);
        }

        receiver = TestNode.startOnPort(config(2), GROUPS, Map.of(), port);
        receiver.listen(1);
        Eventually.awaitWhile("the restarted peer receives", WAIT, () -> receiver.inbox(1).size() >= 5,
                () -> sender.transport.send(1, Messages.heartbeat(1, 2, context.incrementAndGet())));
        assertThat(sender.transport.stats(2).sent()).isGreaterThan(5);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
