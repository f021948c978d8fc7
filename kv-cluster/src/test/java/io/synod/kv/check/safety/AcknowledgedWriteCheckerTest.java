package io.synod.kv.check.safety;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class AcknowledgedWriteCheckerTest {

    private final StateMachineSafetyChecker applied = new StateMachineSafetyChecker();

    AcknowledgedWriteCheckerTest() {
        applied.observeApply(1, 1, 1, 11);
        applied.observeApply(1, 2, 1, 12);
    }

    private static Map<Long, Long> appliedIndexes(long... byNode) {
        Map<Long, Long> m = new TreeMap<>();
        for (int i = 0; i < byNode.length; i++) {
            m.put(i + 1L, byNode[i]);
        }
        return m;
    }

    @Test
    void writesAppliedEverywherePass() {
        List<AcknowledgedWriteChecker.Ack> acks = List.of(new AcknowledgedWriteChecker.Ack(7, 1, 2, 1, 12));
        assertThat(AcknowledgedWriteChecker.check(acks, appliedIndexes(2, 3, 2), applied)).isEmpty();
    }

    @Test
    void aReplicaBehindAnAcknowledgedWriteIsAViolation() {
        List<AcknowledgedWriteChecker.Ack> acks = List.of(new AcknowledgedWriteChecker.Ack(7, 1, 2, 1, 12));
        assertThat(AcknowledgedWriteChecker.check(acks, appliedIndexes(2, 1, 2), applied)).singleElement()
                .satisfies(v -> {
                    assertThat(v.kind()).isEqualTo(Violation.Kind.LOST_WRITE);
                    assertThat(v.detail()).contains("live node 2");
                });
    }

    @Test
    void anAcknowledgedEntryReplacedByAnotherIsAViolation() {
        List<AcknowledgedWriteChecker.Ack> acks = List.of(
                new AcknowledgedWriteChecker.Ack(7, 1, 2, 2, 99),
                new AcknowledgedWriteChecker.Ack(8, 1, 5, 2, 98));
        assertThat(AcknowledgedWriteChecker.check(acks, appliedIndexes(5), applied)).hasSize(2)
                .allSatisfy(v -> assertThat(v.kind()).isEqualTo(Violation.Kind.LOST_WRITE));
    }
}
