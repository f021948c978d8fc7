package io.synod.kv.check.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Raft's election safety: at most one node is ever leader of a given term. */
public final class ElectionSafetyChecker {

    private final TreeMap<Long, Long> leaderByTerm = new TreeMap<>();
    private static final int MAX_REPORTED = 5;

    private final List<Violation> violations = new ArrayList<>();

    /** Records that {@code nodeId} acted as leader in {@code term}. */
    public void observeLeader(long term, long nodeId) {
        Long previous = leaderByTerm.putIfAbsent(term, nodeId);
        if (previous != null && previous != nodeId) {
            report(new Violation(Violation.Kind.ELECTION_SAFETY,
                    "term " + term + " has two leaders: " + previous + " and " + nodeId));
        }
    }

    public int termsWithLeader() {
        return leaderByTerm.size();
    }

    /** Keeps the first few findings: one bug tends to repeat at every later index. */
    private void report(Violation v) {
        if (violations.size() < MAX_REPORTED) {
            violations.add(v);
        }
    }

    public List<Violation> violations() {
        return List.copyOf(violations);
    }
}
