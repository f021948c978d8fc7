package io.synod.kv.transport.grpc;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReconnectBackoffTest {

    private static final long MS = 1_000_000;

    private static List<Long> delays(ReconnectBackoff backoff, int n) {
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            delays.add(backoff.nextDelayNanos() / MS);
        }
        return delays;
    }

    @Test
    void doublesUpToTheCapWithJitterInTheUpperHalf() {
        ReconnectBackoff highest = new ReconnectBackoff(Duration.ofMillis(10), Duration.ofMillis(100), () -> 0.999_999);
        assertThat(delays(highest, 6)).containsExactly(9L, 19L, 39L, 79L, 99L, 99L);
        ReconnectBackoff lowest = new ReconnectBackoff(Duration.ofMillis(10), Duration.ofMillis(100), () -> 0.0);
        assertThat(delays(lowest, 6)).containsExactly(5L, 10L, 20L, 40L, 50L, 50L);
    }

    @Test
    void resetStartsOverAfterASuccess() {
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(10), Duration.ofSeconds(1), () -> 0.0);
        delays(backoff, 5);
        backoff.reset();
        assertThat(backoff.nextDelayNanos()).isEqualTo(5 * MS);
    }

    @Test
    void manyFailuresNeitherOverflowNorExceedTheCap() {
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(1), Duration.ofSeconds(2), () -> 0.5);
        assertThat(delays(backoff, 200)).allSatisfy(d -> assertThat(d).isBetween(0L, 2_000L));
    }
}
