package io.synod.kv.sim;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class SimNetworkTest {

    private static SimNetwork network(SimNetwork.Conditions c) {
        return new SimNetwork(3, c, new SplittableRandom(42));
    }

    @Test
    void calmNetworkDeliversEveryMessageOnceAfterTheBaseLatency() {
        SimNetwork net = network(SimNetwork.Conditions.calm(1_000, 0));
        for (int i = 0; i < 100; i++) {
            assertThat(net.deliveryTimes(1, 2, 5_000)).containsExactly(6_000);
        }
    }

    @Test
    void asymmetricBlockCutsOnlyOneDirection() {
        SimNetwork net = network(SimNetwork.Conditions.calm(1_000, 0));
        net.block(1, 2);
        assertThat(net.deliveryTimes(1, 2, 0)).isEmpty();
        assertThat(net.deliveryTimes(2, 1, 0)).hasSize(1);
        assertThat(net.deliveryTimes(1, 3, 0)).hasSize(1);
        assertThat(net.droppedCount()).isEqualTo(1);
    }

    @Test
    void symmetricPartitionAndHeal() {
        SimNetwork net = network(SimNetwork.Conditions.calm(1_000, 0));
        net.block(1, 2);
        net.block(2, 1);
        assertThat(net.deliveryTimes(1, 2, 0)).isEmpty();
        assertThat(net.deliveryTimes(2, 1, 0)).isEmpty();
        net.healPartitions();
        assertThat(net.deliveryTimes(1, 2, 0)).hasSize(1);
        assertThat(net.deliveryTimes(2, 1, 0)).hasSize(1);
    }

    @Test
    void dropAndDuplicateRatesAreHonouredRoughly() {
        SimNetwork net = network(new SimNetwork.Conditions(1_000, 100, false, 0.3, 0.2, 0, 0));
        int lost = 0;
        int doubled = 0;
        for (int i = 0; i < 10_000; i++) {
            int n = net.deliveryTimes(1, 2, i).length;
            lost += n == 0 ? 1 : 0;
            doubled += n == 2 ? 1 : 0;
        }
        assertThat(lost).isBetween(2_700, 3_300);
        assertThat(doubled).isBetween(1_100, 1_700);
    }

    @Test
    void linksAreFifoUnlessReorderingIsOn() {
        SimNetwork fifo = network(new SimNetwork.Conditions(100, 5_000, false, 0, 0, 0, 0));
        long last = 0;
        for (int i = 0; i < 1_000; i++) {
            long t = fifo.deliveryTimes(1, 2, i)[0];
            assertThat(t).isGreaterThanOrEqualTo(last);
            last = t;
        }
        SimNetwork reordering = network(new SimNetwork.Conditions(100, 5_000, true, 0, 0, 0, 0));
        int overtaken = 0;
        last = 0;
        for (int i = 0; i < 1_000; i++) {
            long t = reordering.deliveryTimes(1, 2, i)[0];
            overtaken += t < last ? 1 : 0;
            last = t;
        }
        assertThat(overtaken).isGreaterThan(100);
    }

    @Test
    void cloggedEndpointHoldsTrafficUntilItUnclogs() {
        SimNetwork net = network(SimNetwork.Conditions.calm(1_000, 0));
        net.clog(2, 50_000);
        assertThat(net.deliveryTimes(1, 2, 0)).containsExactly(50_000);
        assertThat(net.deliveryTimes(2, 3, 0)).containsExactly(50_000);
        assertThat(net.deliveryTimes(1, 3, 0)).containsExactly(1_000);
        net.unclog(2);
        assertThat(net.deliveryTimes(3, 2, 0)).containsExactly(1_000);
    }

    @Test
    void sameSeedSameFates() {
        SimNetwork.Conditions c = new SimNetwork.Conditions(1_000, 700, true, 0.1, 0.1, 0.1, 90_000);
        SimNetwork a = network(c);
        SimNetwork b = network(c);
        for (int i = 0; i < 1_000; i++) {
            assertThat(a.deliveryTimes(1, 3, i)).containsExactly(b.deliveryTimes(1, 3, i));
        }
    }
}
