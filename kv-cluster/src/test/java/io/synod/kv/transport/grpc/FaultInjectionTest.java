package io.synod.kv.transport.grpc;

import io.synod.kv.transport.HostedGroups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FaultInjectionTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final HostedGroups GROUPS = HostedGroups.of(Map.of(1L, Set.of(1L, 2L)));

    private TestNode one;
    private TestNode two;

    @AfterEach
    void stop() {
        for (TestNode node : new TestNode[] {one, two}) {
            if (node != null) {
                node.close();
            }
        }
    }

    private void startPair(boolean faultsEnabled) {
        one = TestNode.start(GrpcTransportConfig.defaults("c", 1).withTestFaultsEnabled(faultsEnabled), GROUPS,
                Map.of());
        two = TestNode.start(GrpcTransportConfig.defaults("c", 2).withTestFaultsEnabled(faultsEnabled), GROUPS,
                Map.of());
        one.listen(1);
        two.listen(1);
        one.transport.setPeerAddress(2, two.address());
        two.transport.setPeerAddress(1, one.address());
    }

    @Test
    void everyHookIsRefusedWithoutTheTestFlag() throws Exception {
        startPair(false);
        FaultInjection faults = one.transport.faults();
        List<Executable> hooks = List.of(() -> faults.dropTraffic(2), () -> faults.restoreTraffic(2),
                () -> faults.delayTrafficTo(2, Duration.ofMillis(5)), faults::pause, faults::resume, faults::clear,
                () -> faults.setLinkConditions(new LinkConditions(Duration.ofMillis(1), Duration.ZERO, 0.1, 1)));
        for (Executable hook : hooks) {
            assertThatThrownBy(hook::execute).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("testFaultsEnabled");
        }
        one.transport.send(1, Messages.heartbeat(1, 2, 1));
        Eventually.await("traffic is untouched", WAIT, () -> two.inbox(1).size() == 1);
    }

    @Test
    void droppedPeerGetsNothingInEitherDirectionUntilRestored() throws Exception {
        startPair(true);
        one.transport.faults().dropTraffic(2);
        for (int i = 0; i < 10; i++) {
            one.transport.send(1, Messages.heartbeat(1, 2, i));
            two.transport.send(1, Messages.heartbeat(2, 1, i));
        }
        assertThat(one.transport.stats(2).dropped()).isEqualTo(10);
        Eventually.await("node 1 discards what node 2 sends", WAIT,
                () -> one.transport.stats(2).inboundDropped() == 10);
        assertThat(one.inbox(1)).isEmpty();
        assertThat(two.inbox(1)).isEmpty();

        one.transport.faults().restoreTraffic(2);
        one.transport.send(1, Messages.heartbeat(1, 2, 100));
        two.transport.send(1, Messages.heartbeat(2, 1, 100));
        Eventually.await("both directions flow again", WAIT,
                () -> one.inbox(1).size() == 1 && two.inbox(1).size() == 1);
    }

    @Test
    void delayedPeerReceivesAfterTheDelay() throws Exception {
        startPair(true);
        one.transport.send(1, Messages.heartbeat(1, 2, 0));
        Eventually.await("connected", WAIT, () -> two.inbox(1).size() == 1);

        one.transport.faults().delayTrafficTo(2, Duration.ofSeconds(1));
        long start = System.nanoTime();
        one.transport.send(1, Messages.heartbeat(1, 2, 1));
        one.transport.send(1, Messages.heartbeat(1, 2, 2));
        Eventually.await("delayed messages arrive", WAIT, () -> two.inbox(1).size() == 3);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(1));
        assertThat(two.inbox(1)).extracting(m -> m.context()).containsExactly(0L, 1L, 2L);

        one.transport.faults().delayTrafficTo(2, Duration.ZERO);
        one.transport.send(1, Messages.heartbeat(1, 2, 3));
        Eventually.await("undelayed again", Duration.ofMillis(900), () -> two.inbox(1).size() == 4);
    }

    @Test
    void pausedNodeNeitherSendsNorReceives() throws Exception {
        startPair(true);
        two.transport.faults().pause();
        one.transport.send(1, Messages.heartbeat(1, 2, 1));
        two.transport.send(1, Messages.heartbeat(2, 1, 1));
        Eventually.await("node 2 discards inbound", WAIT, () -> two.transport.stats(1).inboundDropped() == 1);
        assertThat(two.transport.stats(1).dropped()).isEqualTo(1);
        assertThat(one.inbox(1)).isEmpty();
        assertThat(two.inbox(1)).isEmpty();

        two.transport.faults().resume();
        one.transport.send(1, Messages.heartbeat(1, 2, 2));
        two.transport.send(1, Messages.heartbeat(2, 1, 2));
        Eventually.await("resumed", WAIT, () -> one.inbox(1).size() == 1 && two.inbox(1).size() == 1);
    }

    @Test
    void linkConditionsLoseAboutTheirShareAndDelayTheRest() throws Exception {
        startPair(true);
        one.transport.send(1, Messages.heartbeat(1, 2, 0));
        Eventually.await("connected", WAIT, () -> two.inbox(1).size() == 1);

        one.transport.faults().setLinkConditions(
                new LinkConditions(Duration.ofMillis(200), Duration.ofMillis(20), 0.25, 42));
        long start = System.nanoTime();
        int sent = 400;
        for (int i = 1; i <= sent; i++) {
            one.transport.send(1, Messages.heartbeat(1, 2, i));
        }
        long lost = one.transport.stats(2).dropped();
        assertThat(lost).as("lost of " + sent).isBetween(60L, 140L);
        Eventually.await("the rest arrives", WAIT, () -> two.inbox(1).size() == 1 + sent - lost);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
        List<Long> contexts = two.inbox(1).stream().map(m -> m.context()).toList();
        assertThat(contexts).as("FIFO").isSorted();

        one.transport.faults().setLinkConditions(LinkConditions.NONE);
        one.transport.send(1, Messages.heartbeat(1, 2, sent + 1));
        Eventually.await("undisturbed again", Duration.ofMillis(150), () -> two.inbox(1).size() == 2 + sent - lost);
        assertThat(one.transport.stats(2).dropped()).isEqualTo(lost);
    }

    @Test
    void linkConditionsAreRepeatableForASeed() {
        FaultInjection a = new FaultInjection(true, 3);
        FaultInjection b = new FaultInjection(true, 3);
        LinkConditions conditions = new LinkConditions(Duration.ofMillis(1), Duration.ofMillis(2), 0.1, 7);
        a.setLinkConditions(conditions);
        b.setLinkConditions(conditions);
        for (int i = 0; i < 100; i++) {
            assertThat(a.outboundDelayNanos(2)).isEqualTo(b.outboundDelayNanos(2));
        }
        assertThatThrownBy(() -> new LinkConditions(Duration.ZERO, Duration.ZERO, 1.0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loss rate");
    }
}
