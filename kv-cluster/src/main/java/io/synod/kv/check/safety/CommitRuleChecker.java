package io.synod.kv.check.safety;

import java.util.ArrayList;
import java.util.List;

/**
 * The commitment rule (Raft section 5.4.2): a leader advances its commit index only to an entry
 * of its own term; older entries become committed indirectly, as its prefix. Counting replicas of
 * an older-term entry is the Figure 8 bug: such an entry can still be overwritten. (Multi-Paxos
 * keeps the rule too, since a new leader re-proposes old slots under its own ballot.)
 */
public final class CommitRuleChecker {

    private static final int MAX_REPORTED = 5;

    private final List<Violation> violations = new ArrayList<>();

    /** The leader {@code nodeId} of {@code term} moved its commit index to {@code commitIndex}, whose entry has {@code entryTerm}. */
    public void observeCommitAdvance(long nodeId, long term, long commitIndex, long entryTerm) {
        if (entryTerm != term && violations.size() < MAX_REPORTED) {
            violations.add(new Violation(Violation.Kind.COMMIT_RULE, "leader " + nodeId + " of term " + term
                    + " advanced its commit index to " + commitIndex + ", an entry of term " + entryTerm));
        }
    }

    public List<Violation> violations() {
        return List.copyOf(violations);
    }
}
