package io.synod.kv.check.safety;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StateMachineSafetyCheckerTest {

    @Test
    void sameEntryAppliedEverywhereIsFine() {
        StateMachineSafetyChecker checker = new StateMachineSafetyChecker();
        for (long node = 1; node <= 3; node++) {
            checker.observeApply(node, 1, 1, 0xaa);
            checker.observeApply(node, 2, 1, 0xbb);
        }
        assertThat(checker.violations()).isEmpty();
        assertThat(checker.appliedAt(2).term()).isEqualTo(1);
        assertThat(checker.appliedBetween(1, 2)).hasSize(2);
        assertThat(checker.appliedBetween(3, 2)).isEmpty();
    }

    @Test
    void differentTermAtOneIndexIsAViolation() {
        StateMachineSafetyChecker checker = new StateMachineSafetyChecker();
        checker.observeApply(1, 7, 2, 0xaa);
        checker.observeApply(2, 7, 3, 0xaa);
        assertThat(checker.violations()).singleElement()
                .satisfies(v -> assertThat(v.kind()).isEqualTo(Violation.Kind.STATE_MACHINE_SAFETY));
    }

    @Test
    void differentDataAtOneIndexIsAViolation() {
        StateMachineSafetyChecker checker = new StateMachineSafetyChecker();
        checker.observeApply(1, 7, 2, 0xaa);
        checker.observeApply(3, 7, 2, 0xab);
        assertThat(checker.violations()).singleElement()
                .satisfies(v -> assertThat(v.detail()).contains("index 7", "node 1", "node 3"));
    }
}
