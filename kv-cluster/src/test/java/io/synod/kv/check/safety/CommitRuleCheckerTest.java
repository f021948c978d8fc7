package io.synod.kv.check.safety;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommitRuleCheckerTest {

    @Test
    void committingAnEntryOfTheLeadersOwnTermIsFine() {
        CommitRuleChecker checker = new CommitRuleChecker();
        checker.observeCommitAdvance(1, 4, 10, 4);
        assertThat(checker.violations()).isEmpty();
    }

    @Test
    void committingAnOlderTermEntryDirectlyIsAViolation() {
        CommitRuleChecker checker = new CommitRuleChecker();
        checker.observeCommitAdvance(1, 4, 9, 2);
        assertThat(checker.violations()).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo(Violation.Kind.COMMIT_RULE);
            assertThat(v.detail()).contains("leader 1 of term 4", "index to 9", "term 2");
        });
    }
}
