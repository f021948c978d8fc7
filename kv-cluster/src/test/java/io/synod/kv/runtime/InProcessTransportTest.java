package io.synod.kv.runtime;

import io.synod.kv.consensus.api.EngineMessage;
import io.synod.kv.consensus.raft.RaftMessage;
import io.synod.kv.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class InProcessTransportTest {

    private final InProcessTransport network = new InProcessTransport();
    private final List<EngineMessage> receivedBy2 = new CopyOnWriteArrayList<>();
    private final Transport node1 = network.endpoint(1);

    InProcessTransportTest() {
        network.endpoint(2).register(7, receivedBy2::add);
    }

    @AfterEach
    void close() {
        network.close();
    }

    private static RaftMessage heartbeat(long from, long to, long term) {
        return RaftMessage.of(RaftMessage.Type.HEARTBEAT, from, to, term);
    }

    @Test
    void deliversToTheHandlerOfTheNamedGroupOnly() {
        node1.send(7, heartbeat(1, 2, 1));
        node1.send(8, heartbeat(1, 2, 2));
        assertThat(receivedBy2).extracting(EngineMessage::term).containsExactly(1L);
        assertThat(network.droppedCount()).isEqualTo(1);
    }

    @Test
    void blockedLinksAndIsolatedNodesDropTrafficUntilHealed() {
        network.block(1, 2);
        node1.send(7, heartbeat(1, 2, 1));
        network.unblock(1, 2);
        network.isolate(2);
        node1.send(7, heartbeat(1, 2, 2));
        network.heal(2);
        node1.send(7, heartbeat(1, 2, 3));
        assertThat(receivedBy2).extracting(EngineMessage::term).containsExactly(3L);
    }

    @Test
    void delayedLinksDeliverLater() {
        network.delay(1, 2, Duration.ofMillis(200));
        long sent = System.nanoTime();
        node1.send(7, heartbeat(1, 2, 1));
        assertThat(receivedBy2).isEmpty();
        Await.until(Duration.ofSeconds(2), "the delayed message arrives", () -> receivedBy2.size() == 1);
        assertThat(System.nanoTime() - sent).isGreaterThanOrEqualTo(Duration.ofMillis(200).toNanos());
    }

    @Test
    void aPausedNodesTrafficIsHeldAndReleasedInOrder() {
        network.pause(2);
        node1.send(7, heartbeat(1, 2, 1));
        node1.send(7, heartbeat(1, 2, 2));
        assertThat(receivedBy2).isEmpty();
        network.resume(2);
        assertThat(receivedBy2).extracting(EngineMessage::term).containsExactly(1L, 2L);
    }
}
