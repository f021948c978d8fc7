package io.synod.kv.check.linearizability;

import io.synod.kv.check.linearizability.CheckResult.Verdict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinearizabilityCheckerTest {

    private final List<Operation> history = new ArrayList<>();

    private void op(int client, KvInput in, long call, long ret, KvOutput out) {
        history.add(Operation.completed(history.size() + 1, client, in, call, ret, out));
    }

    private void pending(int client, KvInput in, long call) {
        history.add(Operation.indeterminate(history.size() + 1, client, in, call));
    }

    private Verdict verdict() {
        return LinearizabilityChecker.check(history).verdict();
    }

    @Test
    void emptyAndSequentialHistoriesAreLinearizable() {
        assertThat(verdict()).isEqualTo(Verdict.OK);
        op(1, KvInput.get("x"), 0, 1, KvOutput.read(null));
        op(1, KvInput.put("x", "1"), 2, 3, KvOutput.OK);
        op(1, KvInput.get("x"), 4, 5, KvOutput.read("1"));
        op(1, KvInput.delete("x"), 6, 7, KvOutput.OK);
        op(1, KvInput.get("x"), 8, 9, KvOutput.read(null));
        assertThat(verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void staleReadIsIllegal() {
        op(1, KvInput.put("x", "1"), 0, 1, KvOutput.OK);
        op(1, KvInput.put("x", "2"), 2, 3, KvOutput.OK);
        op(2, KvInput.get("x"), 4, 5, KvOutput.read("1"));
        CheckResult result = LinearizabilityChecker.check(history);
        assertThat(result.verdict()).isEqualTo(Verdict.ILLEGAL);
        assertThat(result.key()).isEqualTo("x");
        assertThat(result.explanation())
                .contains("Longest linearizable prefix: 2 of 3")
                .contains("Value after it: \"2\"")
                .contains("#3 client 2 GET => \"1\" [4, 5]");
    }

    @Test
    void lostWriteIsIllegal() {
        op(1, KvInput.put("x", "1"), 0, 1, KvOutput.OK);
        op(2, KvInput.get("x"), 2, 3, KvOutput.read(null));
        assertThat(verdict()).isEqualTo(Verdict.ILLEGAL);
    }

    @Test
    void writeVisibleThenInvisibleIsIllegal() {
        op(1, KvInput.put("x", "1"), 0, 10, KvOutput.OK);
        op(2, KvInput.get("x"), 1, 2, KvOutput.read("1"));
        op(2, KvInput.get("x"), 3, 4, KvOutput.read(null));
        assertThat(verdict()).isEqualTo(Verdict.ILLEGAL);
    }

    @Test
    void readConcurrentWithWriteMaySeeEitherValue() {
        op(1, KvInput.put("x", "1"), 0, 10, KvOutput.OK);
        op(2, KvInput.get("x"), 1, 2, KvOutput.read(null));
        op(3, KvInput.get("x"), 3, 4, KvOutput.read("1"));
        assertThat(verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void twoSuccessfulCreatesOfTheSameKeyAreIllegal() {
        op(1, KvInput.cas("x", null, "a"), 0, 5, KvOutput.cas(true));
        op(2, KvInput.cas("x", null, "b"), 0, 5, KvOutput.cas(true));
        assertThat(verdict()).isEqualTo(Verdict.ILLEGAL);
    }

    @Test
    void oneCreateWinsAndTheOtherFails() {
        op(1, KvInput.cas("x", null, "a"), 0, 5, KvOutput.cas(true));
        op(2, KvInput.cas("x", null, "b"), 0, 5, KvOutput.cas(false));
        op(3, KvInput.get("x"), 6, 7, KvOutput.read("a"));
        assertThat(verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void failedCasIsIllegalWhenTheExpectedValueWasCurrent() {
        op(1, KvInput.put("x", "a"), 0, 1, KvOutput.OK);
        op(1, KvInput.cas("x", "a", "b"), 2, 3, KvOutput.cas(false));
        assertThat(verdict()).isEqualTo(Verdict.ILLEGAL);
    }

    @Test
    void casChainsMustFollowTheValues() {
        op(1, KvInput.put("x", "0"), 0, 1, KvOutput.OK);
        op(1, KvInput.cas("x", "1", "2"), 2, 10, KvOutput.cas(true));
        op(2, KvInput.cas("x", "0", "1"), 2, 10, KvOutput.cas(true));
        op(3, KvInput.get("x"), 11, 12, KvOutput.read("2"));
        assertThat(verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void concurrentWritesLegalOnlyInOneOrder() {
        op(1, KvInput.put("x", "1"), 0, 10, KvOutput.OK);
        op(2, KvInput.put("x", "2"), 0, 10, KvOutput.OK);
        op(3, KvInput.get("x"), 1, 2, KvOutput.read("2"));
        op(3, KvInput.get("x"), 11, 12, KvOutput.read("1"));
        assertThat(verdict()).isEqualTo(Verdict.OK);

        op(4, KvInput.get("x"), 3, 4, KvOutput.read("1"));
        op(4, KvInput.get("x"), 5, 6, KvOutput.read("2"));
        assertThat(verdict()).as("would need x=2 written twice").isEqualTo(Verdict.ILLEGAL);
    }

    @Test
    void operationsThatTouchInTimeCountAsConcurrent() {
        op(1, KvInput.put("x", "1"), 0, 5, KvOutput.OK);
        op(2, KvInput.get("x"), 5, 6, KvOutput.read(null));
        assertThat(verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void indeterminateWriteThatMustHaveApplied() {
        pending(1, KvInput.put("x", "1"), 0);
        op(2, KvInput.get("x"), 5, 6, KvOutput.read("1"));
        op(2, KvInput.get("x"), 7, 8, KvOutput.read("1"));
        assertThat(verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void indeterminateWriteThatNeverApplied() {
        pending(1, KvInput.put("x", "1"), 0);
        op(2, KvInput.get("x"), 5, 6, KvOutput.read(null));
        op(2, KvInput.get("x"), 100, 101, KvOutput.read(null));
        assertThat(verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void indeterminateWriteMayApplyLate() {
        pending(1, KvInput.put("x", "1"), 0);
        op(2, KvInput.get("x"), 5, 6, KvOutput.read(null));
        op(2, KvInput.get("x"), 100, 101, KvOutput.read("1"));
        assertThat(verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void indeterminateWriteCannotApplyBeforeItsCallOrTwice() {
        op(2, KvInput.get("x"), 0, 5, KvOutput.read("1"));
        pending(1, KvInput.put("x", "1"), 10);
        assertThat(verdict()).isEqualTo(Verdict.ILLEGAL);

        history.clear();
        pending(1, KvInput.put("x", "1"), 0);
        op(2, KvInput.put("x", "2"), 1, 2, KvOutput.OK);
        op(3, KvInput.get("x"), 3, 4, KvOutput.read("1"));
        op(3, KvInput.get("x"), 5, 6, KvOutput.read("2"));
        op(3, KvInput.get("x"), 7, 8, KvOutput.read("1"));
        assertThat(verdict()).isEqualTo(Verdict.ILLEGAL);
    }

    @Test
    void indeterminateCasAppliesOnlyWhenItsExpectationHolds() {
        op(1, KvInput.put("x", "a"), 0, 1, KvOutput.OK);
        pending(2, KvInput.cas("x", "zzz", "b"), 2);
        op(3, KvInput.get("x"), 5, 6, KvOutput.read("b"));
        assertThat(verdict()).isEqualTo(Verdict.ILLEGAL);

        history.clear();
        op(1, KvInput.put("x", "a"), 0, 1, KvOutput.OK);
        pending(2, KvInput.cas("x", "a", "b"), 2);
        op(3, KvInput.get("x"), 5, 6, KvOutput.read("b"));
        assertThat(verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void indeterminateReadsAreIgnored() {
        pending(1, KvInput.get("x"), 0);
        op(2, KvInput.put("x", "1"), 1, 2, KvOutput.OK);
        assertThat(verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void keysAreIndependentAndTheFailingOneIsNamed() {
        op(1, KvInput.put("a", "1"), 0, 1, KvOutput.OK);
        op(1, KvInput.put("b", "1"), 0, 1, KvOutput.OK);
        op(2, KvInput.get("a"), 2, 3, KvOutput.read("1"));
        op(2, KvInput.get("b"), 2, 3, KvOutput.read("2"));
        CheckResult result = LinearizabilityChecker.check(history);
        assertThat(result.verdict()).isEqualTo(Verdict.ILLEGAL);
        assertThat(result.key()).isEqualTo("b");
        assertThat(result.toString()).startsWith("ILLEGAL on key \"b\"");
    }

    @Test
    void tinyBudgetGivesUnknownReproducibly() {
        for (int i = 0; i < 8; i++) {
            op(i, KvInput.put("x", "v" + i), 0, 100, KvOutput.OK);
        }
        op(9, KvInput.get("x"), 101, 102, KvOutput.read("nothing-wrote-this"));
        CheckResult first = LinearizabilityChecker.check(history, 50);
        assertThat(first.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(first.key()).isEqualTo("x");
        assertThat(LinearizabilityChecker.check(history, 50)).isEqualTo(first);
        assertThat(LinearizabilityChecker.check(history).verdict()).isEqualTo(Verdict.ILLEGAL);
        assertThatThrownBy(() -> LinearizabilityChecker.check(history, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
