package io.synod.kv.check.safety;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class LogMatchingCheckerTest {

    @Test
    void logsThatAgreeOnTheirOverlapPass() {
        Map<Long, ListLogView> logs = new TreeMap<>();
        logs.put(1L, ListLogView.ofTerms(1, 1, 2, 2));
        logs.put(2L, ListLogView.ofTerms(1, 1, 2));
        logs.put(3L, ListLogView.afterSnapshot(2, 1, 2, 2, 3));
        logs.put(4L, ListLogView.ofTerms(1, 1, 3));
        assertThat(LogMatchingChecker.check(logs)).isEmpty();
    }

    @Test
    void sameIndexAndTermWithDifferentDataIsAViolation() {
        Map<Long, ListLogView> logs = new TreeMap<>();
        logs.put(1L, ListLogView.ofTerms(1, 1));
        logs.put(2L, ListLogView.ofTerms(1).add(1, "other"));
        assertThat(LogMatchingChecker.check(logs)).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo(Violation.Kind.LOG_MATCHING);
            assertThat(v.detail()).contains("index 2 term 1");
        });
    }

    @Test
    void sameIndexAndTermWithDifferentPrefixIsAViolation() {
        Map<Long, ListLogView> logs = new TreeMap<>();
        logs.put(1L, ListLogView.ofTerms(1, 2).add(3, "x"));
        logs.put(2L, ListLogView.ofTerms(1, 1).add(3, "x"));
        assertThat(LogMatchingChecker.check(logs)).anySatisfy(v -> assertThat(v.detail()).contains("index 2"));
    }

    @Test
    void prefixMismatchIsFoundAcrossASnapshotBoundary() {
        Map<Long, ListLogView> logs = new TreeMap<>();
        logs.put(1L, ListLogView.afterSnapshot(2, 1).add(4, "x"));
        logs.put(2L, ListLogView.ofTerms(1, 3).add(4, "x"));
        assertThat(LogMatchingChecker.check(logs)).singleElement()
                .satisfies(v -> assertThat(v.detail()).contains("terms 1 and 3"));
    }
}
