package io.synod.crypto.replay;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static io.synod.crypto.replay.ReplayVerdict.ACCEPTED;
import static io.synod.crypto.replay.ReplayVerdict.BELOW_EVICTION_FLOOR;
import static io.synod.crypto.replay.ReplayVerdict.DUPLICATE;
import static io.synod.crypto.replay.ReplayVerdict.TOO_OLD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayGuardTest {

    record Request(long client, long sequence) {
    }

    @Test
    void acceptsEachSequenceOnceAndLateOnesInsideTheWindow() {
        ReplayGuard guard = new ReplayGuard(10, 64);
        assertThat(guard.accept(1, 5)).isEqualTo(ACCEPTED);
        assertThat(guard.accept(1, 5)).isEqualTo(DUPLICATE);
        assertThat(guard.accept(1, 3)).isEqualTo(ACCEPTED);
        assertThat(guard.accept(1, 3)).isEqualTo(DUPLICATE);
        assertThat(guard.accept(1, 100)).isEqualTo(ACCEPTED);
        assertThat(guard.accept(1, 37)).as("the window is (36, 100]").isEqualTo(ACCEPTED);
        assertThat(guard.accept(1, 36)).isEqualTo(TOO_OLD);
        assertThat(guard.accept(1, 5)).isEqualTo(TOO_OLD);
        assertThat(guard.accept(2, 5)).as("clients are independent").isEqualTo(ACCEPTED);
        assertThat(guard.highestAccepted(1)).isEqualTo(100);
        assertThat(guard.highestAccepted(3)).isZero();
    }

    @Test
    void sequencesStartAtOne() {
        ReplayGuard guard = new ReplayGuard(10, 64);
        assertThat(guard.accept(1, 0)).isEqualTo(TOO_OLD);
        assertThat(guard.accept(1, -5)).isEqualTo(TOO_OLD);
        assertThat(guard.trackedClients()).isZero();
    }

    @Test
    void checkDoesNotRecord() {
        ReplayGuard guard = new ReplayGuard(10, 64);
        assertThat(guard.check(1, 1)).isEqualTo(ACCEPTED);
        assertThat(guard.check(1, 1)).isEqualTo(ACCEPTED);
        assertThat(guard.trackedClients()).isZero();
        guard.accept(1, 1);
        assertThat(guard.check(1, 1)).isEqualTo(DUPLICATE);
    }

    @Test
    void slidingFarForgetsTheOldWindowAndSlotsAreReused() {
        ReplayGuard guard = new ReplayGuard(10, 64);
        guard.accept(1, 10);
        guard.accept(1, 10 + 64); // same ring slot as 10, which is now outside the window
        assertThat(guard.accept(1, 10 + 64)).isEqualTo(DUPLICATE);
        assertThat(guard.accept(1, 12 + 64)).isEqualTo(ACCEPTED);
        guard.accept(1, 1_000_000);
        assertThat(guard.accept(1, 1_000_000 - 63)).isEqualTo(ACCEPTED);
        assertThat(guard.accept(1, 1_000_000 - 64)).isEqualTo(TOO_OLD);
    }

    @Test
    void forgetsTheLeastRecentlyAcceptedClientAndRaisesTheFloor() {
        ReplayGuard guard = new ReplayGuard(2, 64);
        guard.accept(1, 50);
        guard.accept(2, 70);
        guard.accept(1, 51); // client 2 is now the least recently accepted
        assertThat(guard.accept(2, 70)).as("a rejected request does not refresh a client").isEqualTo(DUPLICATE);
        guard.accept(3, 80); // forgets client 2
        assertThat(guard.trackedClients()).isEqualTo(2);
        assertThat(guard.evictionFloor()).isEqualTo(70);
        assertThat(guard.accept(2, 70)).as("a forgotten client's old request is still refused")
                .isEqualTo(BELOW_EVICTION_FLOOR);
        assertThat(guard.accept(4, 12)).as("new clients must start above the floor").isEqualTo(BELOW_EVICTION_FLOOR);
        assertThat(guard.accept(2, 71)).isEqualTo(ACCEPTED);
        assertThat(guard.highestAccepted(1)).as("client 1 was forgotten to make room").isZero();
        assertThat(guard.evictionFloor()).isEqualTo(70);
    }

    @Test
    void aForgottenClientThatComesBackCannotReplayItsOldRequests() {
        ReplayGuard guard = new ReplayGuard(2, 64);
        guard.accept(1, 1);
        guard.accept(2, 1);
        guard.accept(3, 1); // forgets client 1, floor 1
        assertThat(guard.accept(1, 2)).isEqualTo(ACCEPTED); // client 1 is back, forgetting client 2
        assertThat(guard.accept(1, 1)).as("inside the window, but at the floor of its return")
                .isEqualTo(BELOW_EVICTION_FLOOR);
    }

    @Test
    void aRestoredSnapshotBehavesExactlyLikeTheOriginal() {
        for (long seed = 0; seed < 50; seed++) {
            Random random = new Random(seed);
            ReplayGuard original = new ReplayGuard(3, 128);
            List<Request> requests = randomRequests(random);
            int half = requests.size() / 2;
            requests.subList(0, half).forEach(r -> original.accept(r.client(), r.sequence()));
            byte[] snapshot = original.snapshot();
            ReplayGuard restored = ReplayGuard.restore(snapshot);
            assertThat(restored.snapshot()).as("seed %d", seed).isEqualTo(snapshot);
            for (Request r : requests.subList(half, requests.size())) {
                assertThat(restored.accept(r.client(), r.sequence())).as("seed %d, %s", seed, r)
                        .isEqualTo(original.accept(r.client(), r.sequence()));
            }
            assertThat(restored.snapshot()).isEqualTo(original.snapshot());
        }
    }

    @Test
    void refusesCorruptSnapshots() {
        ReplayGuard guard = new ReplayGuard(3, 64);
        guard.accept(1, 10);
        guard.accept(2, 20);
        byte[] snapshot = guard.snapshot();
        for (int length = 0; length < snapshot.length; length++) {
            byte[] cut = Arrays.copyOf(snapshot, length);
            assertThatThrownBy(() -> ReplayGuard.restore(cut)).as("first %d bytes", length)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("snapshot");
        }
        byte[] longer = Arrays.copyOf(snapshot, snapshot.length + 1);
        assertThatThrownBy(() -> ReplayGuard.restore(longer)).hasMessageContaining("1 extra bytes");
        byte[] version = snapshot.clone();
        version[0] = 9;
        assertThatThrownBy(() -> ReplayGuard.restore(version)).hasMessageContaining("version 9");
        byte[] window = snapshot.clone();
        window[8] = 65;
        assertThatThrownBy(() -> ReplayGuard.restore(window))
                .hasMessageContaining("snapshot is corrupt: window must be a multiple of 64");
    }

    @Test
    void refusesNonsenseSettings() {
        assertThatThrownBy(() -> new ReplayGuard(0, 64)).hasMessageContaining("maxClients");
        for (int window : new int[] {0, 32, 100, 8192}) {
            assertThatThrownBy(() -> new ReplayGuard(1, window)).hasMessageContaining("multiple of 64");
        }
    }

    /** Against a model that remembers every accepted sequence, with no eviction: 300 seeded random runs. */
    @Test
    void agreesWithAModelThatRemembersEverything() {
        for (long seed = 0; seed < 300; seed++) {
            Random random = new Random(seed);
            int window = 64 << random.nextInt(3);
            ReplayGuard guard = new ReplayGuard(100, window);
            Map<Long, TreeSet<Long>> accepted = new HashMap<>();
            for (Request r : randomRequests(random)) {
                TreeSet<Long> seen = accepted.computeIfAbsent(r.client(), c -> new TreeSet<>());
                long highest = seen.isEmpty() ? 0 : seen.last();
                ReplayVerdict expected;
                if (r.sequence() <= 0 || r.sequence() <= highest - window) {
                    expected = TOO_OLD;
                } else if (seen.contains(r.sequence())) {
                    expected = DUPLICATE;
                } else {
                    expected = ACCEPTED;
                }
                assertThat(guard.accept(r.client(), r.sequence())).as("seed %d, window %d, %s", seed, window, r)
                        .isEqualTo(expected);
                if (expected == ACCEPTED) {
                    seen.add(r.sequence());
                }
            }
        }
    }

    /** Whatever the evictions, no request is accepted twice, and two guards fed alike agree: 300 seeded runs. */
    @Test
    void neverAcceptsARequestTwiceAndIsDeterministic() {
        for (long seed = 0; seed < 300; seed++) {
            Random random = new Random(seed);
            ReplayGuard guard = new ReplayGuard(2, 64);
            ReplayGuard twin = new ReplayGuard(2, 64);
            Set<Request> accepted = new HashSet<>();
            for (Request r : randomRequests(random)) {
                ReplayVerdict verdict = guard.accept(r.client(), r.sequence());
                if (verdict == ACCEPTED) {
                    assertThat(accepted.add(r)).as("seed %d: accepted twice: %s", seed, r).isTrue();
                }
                assertThat(twin.accept(r.client(), r.sequence())).as("seed %d", seed).isEqualTo(verdict);
                assertThat(guard.trackedClients()).isLessThanOrEqualTo(2);
            }
        }
    }

    /** Up to 400 requests of 4 clients: mostly sequences 1..300, some at or below 0, some far ahead. */
    private static List<Request> randomRequests(Random random) {
        int count = random.nextInt(401);
        List<Request> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int kind = random.nextInt(10);
            long sequence = kind < 8 ? 1 + random.nextInt(300)
                    : kind == 8 ? -random.nextInt(3) : 300 + random.nextInt(9700);
            requests.add(new Request(1 + random.nextInt(4), sequence));
        }
        return requests;
    }
}
