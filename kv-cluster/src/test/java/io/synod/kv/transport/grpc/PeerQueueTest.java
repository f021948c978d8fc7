package io.synod.kv.transport.grpc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PeerQueueTest {

    @Test
    void refusesBeyondMessageAndByteLimits() {
        PeerQueue byCount = new PeerQueue(2, 1000);
        assertThat(byCount.offer(new byte[10], PeerQueue.READY_NOW)).isTrue();
        assertThat(byCount.offer(new byte[10], PeerQueue.READY_NOW)).isTrue();
        assertThat(byCount.offer(new byte[10], PeerQueue.READY_NOW)).isFalse();

        PeerQueue byBytes = new PeerQueue(100, 25);
        assertThat(byBytes.offer(new byte[10], PeerQueue.READY_NOW)).isTrue();
        assertThat(byBytes.offer(new byte[10], PeerQueue.READY_NOW)).isTrue();
        assertThat(byBytes.offer(new byte[10], PeerQueue.READY_NOW)).isFalse();
        assertThat(byBytes.bytes()).isEqualTo(20);
    }

    @Test
    void acceptsOneOversizedEnvelopeOnlyIntoAnEmptyQueue() {
        PeerQueue queue = new PeerQueue(100, 25);
        assertThat(queue.offer(new byte[100], PeerQueue.READY_NOW)).isTrue();
        assertThat(queue.offer(new byte[1], PeerQueue.READY_NOW)).isFalse();
        assertThat(queue.drain(10, 10, 0)).hasSize(1);
        assertThat(queue.bytes()).isZero();
    }

    @Test
    void drainsBatchesWithinLimitsInOrder() {
        PeerQueue queue = new PeerQueue(100, 10_000);
        for (int i = 0; i < 10; i++) {
            queue.offer(new byte[] {(byte) i, 0, 0, 0, 0}, PeerQueue.READY_NOW);
        }
        assertThat(queue.drain(3, 1000, 0)).extracting(b -> (int) b[0]).containsExactly(0, 1, 2);
        assertThat(queue.drain(100, 12, 0)).extracting(b -> (int) b[0]).containsExactly(3, 4);
        assertThat(queue.drain(100, 1000, 0)).hasSize(5);
        assertThat(queue.size()).isZero();
        assertThat(queue.nanosUntilHeadDue(0)).isEqualTo(-1);
    }

    @Test
    void delayedHeadHoldsBackTheQueueUntilDue() {
        PeerQueue queue = new PeerQueue(100, 10_000);
        queue.offer(new byte[] {1}, 1_000);
        queue.offer(new byte[] {2}, PeerQueue.READY_NOW);
        assertThat(queue.drain(10, 100, 400)).isEmpty();
        assertThat(queue.nanosUntilHeadDue(400)).isEqualTo(600);
        assertThat(queue.drain(10, 100, 1_000)).extracting(b -> (int) b[0]).containsExactly(1, 2);
    }
}
