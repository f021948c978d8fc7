package io.synod.kv.check.linearizability;

import io.synod.kv.check.linearizability.CheckResult.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class RandomHistoryTest {

    @Test
    void historiesFromRealExecutionsAreLinearizableAndACorruptedReadIsCaught() {
        for (int seed = 0; seed < 40; seed++) {
            Random random = new Random(seed);
            List<Operation> history = HistoryGenerator.generate(random, 2 + random.nextInt(8), 1 + random.nextInt(5), 300);
            CheckResult ok = LinearizabilityChecker.check(history);
            assertThat(ok.verdict()).as("seed %d: %s", seed, ok).isEqualTo(Verdict.OK);

            int victim = pickCompletedRead(random, history);
            Operation read = history.get(victim);
            List<Operation> corrupted = new ArrayList<>(history);
            corrupted.set(victim, Operation.completed(read.id(), read.clientId(), read.input(), read.callTime(),
                    read.returnTime(), KvOutput.read("never-written")));
            CheckResult illegal = LinearizabilityChecker.check(corrupted);
            assertThat(illegal.verdict()).as("seed %d", seed).isEqualTo(Verdict.ILLEGAL);
            assertThat(illegal.key()).isEqualTo(read.input().key());
            assertThat(illegal.explanation()).contains("#" + read.id() + " ");
        }
    }

    @Test
    @Timeout(20)
    void thousandsOfOperationsWithTenClientsCheckQuickly() {
        Random random = new Random(7);
        List<Operation> history = HistoryGenerator.generate(random, 10, 8, 4000);
        CheckResult result = LinearizabilityChecker.check(history);
        assertThat(result.verdict()).as(result.toString()).isEqualTo(Verdict.OK);
        assertThat(LinearizabilityChecker.check(history)).isEqualTo(result);
    }

    private static int pickCompletedRead(Random random, List<Operation> history) {
        while (true) {
            int i = random.nextInt(history.size());
            Operation op = history.get(i);
            if (op.input().kind() == KvInput.Kind.GET && !op.isIndeterminate()) {
                return i;
            }
        }
    }
}
