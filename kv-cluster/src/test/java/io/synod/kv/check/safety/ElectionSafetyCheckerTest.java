package io.synod.kv.check.safety;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ElectionSafetyCheckerTest {

    @Test
    void oneLeaderPerTermIsFineEvenWhenObservedRepeatedly() {
        ElectionSafetyChecker checker = new ElectionSafetyChecker();
        checker.observeLeader(1, 1);
        checker.observeLeader(1, 1);
        checker.observeLeader(2, 3);
        assertThat(checker.violations()).isEmpty();
        assertThat(checker.termsWithLeader()).isEqualTo(2);
    }

    @Test
    void twoLeadersInOneTermAreAViolation() {
        ElectionSafetyChecker checker = new ElectionSafetyChecker();
        checker.observeLeader(4, 2);
        checker.observeLeader(4, 5);
        assertThat(checker.violations()).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo(Violation.Kind.ELECTION_SAFETY);
            assertThat(v.detail()).contains("term 4", "2", "5");
        });
    }
}
