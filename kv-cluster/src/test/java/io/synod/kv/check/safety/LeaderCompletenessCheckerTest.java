package io.synod.kv.check.safety;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LeaderCompletenessCheckerTest {

    private static StateMachineSafetyChecker appliedTerms(long... terms) {
        StateMachineSafetyChecker applied = new StateMachineSafetyChecker();
        for (int i = 0; i < terms.length; i++) {
            applied.observeApply(1, i + 1, terms[i], 0);
        }
        return applied;
    }

    @Test
    void leaderHoldingEveryEarlierCommitPasses() {
        LeaderCompletenessChecker checker = new LeaderCompletenessChecker(appliedTerms(1, 1, 2));
        checker.observeLeaderCommit(2, 3);
        checker.observeElection(4, 3, ListLogView.ofTerms(1, 1, 2, 3));
        checker.observeElection(5, 4, ListLogView.afterSnapshot(2, 1, 2));
        assertThat(checker.violations()).isEmpty();
    }

    @Test
    void leaderMissingACommittedEntryIsAViolation() {
        LeaderCompletenessChecker checker = new LeaderCompletenessChecker(appliedTerms(1, 1, 2));
        checker.observeLeaderCommit(2, 3);
        checker.observeElection(4, 3, ListLogView.ofTerms(1, 1));
        assertThat(checker.violations()).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo(Violation.Kind.LEADER_COMPLETENESS);
            assertThat(v.detail()).contains("node 4", "term 3", "index 3");
        });
    }

    @Test
    void leaderWithAConflictingEntryIsAViolation() {
        LeaderCompletenessChecker checker = new LeaderCompletenessChecker(appliedTerms(1, 2));
        checker.observeLeaderCommit(2, 2);
        checker.observeElection(3, 5, ListLogView.ofTerms(1, 3));
        assertThat(checker.violations()).singleElement()
                .satisfies(v -> assertThat(v.detail()).contains("holds term 3 at committed index 2"));
    }

    @Test
    void commitsFromTheSameOrLaterTermsAreNotRequired() {
        LeaderCompletenessChecker checker = new LeaderCompletenessChecker(appliedTerms(1, 1, 1));
        checker.observeLeaderCommit(1, 1);
        checker.observeLeaderCommit(3, 3);
        checker.observeElection(2, 2, ListLogView.ofTerms(1));
        assertThat(checker.violations()).isEmpty();
    }
}
