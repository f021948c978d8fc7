package io.synod.kv.check.safety;

import io.synod.kv.consensus.api.LogView;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Leader completeness: a leader of term T holds every entry committed in a term below T. For
 * Multi-Paxos (entries identified by {@link EntryIdentity#DATA}) a new leader holds every chosen
 * value at its slot once phase 1 is over, whatever ballot it now carries there.
 *
 * <p>An entry is known committed once any replica applied it (the reference entries of a
 * {@link StateMachineSafetyChecker}). It counts as committed in term T' once a leader of T'
 * reported a commit index at or past it, so a new leader is only held to entries whose commit
 * was observed in an earlier term; an older-term entry committed later by a newer leader is not
 * required of it.
 */
public final class LeaderCompletenessChecker {

    private final StateMachineSafetyChecker applied;
    /** For each term, the highest commit index a leader of that term reported. */
    private final TreeMap<Long, Long> commitIndexByTerm = new TreeMap<>();
    private static final int MAX_REPORTED = 5;

    private final List<Violation> violations = new ArrayList<>();

    public LeaderCompletenessChecker(StateMachineSafetyChecker applied) {
        this.applied = applied;
    }

    /** Records that the leader of {@code term} considers everything up to {@code commitIndex} committed. */
    public void observeLeaderCommit(long term, long commitIndex) {
        commitIndexByTerm.merge(term, commitIndex, Math::max);
    }

    /** Checks the log of {@code nodeId}, which just became leader of {@code term}. */
    public void observeElection(long nodeId, long term, LogView log) {
        long committedBefore = 0;
        for (long c : commitIndexByTerm.headMap(term, false).values()) {
            committedBefore = Math.max(committedBefore, c);
        }
        long snapshotIndex = log.snapshotMeta().index();
        for (Map.Entry<Long, StateMachineSafetyChecker.AppliedEntry> e
                : applied.appliedBetween(snapshotIndex + 1, committedBefore).entrySet()) {
            long index = e.getKey();
            long have = log.term(index);
            if (!holds(log, index, e.getValue())) {
                report(new Violation(Violation.Kind.LEADER_COMPLETENESS,
                        "node " + nodeId + " leads term " + term + " but holds "
                                + (have < 0 ? "no entry" : applied.identity() == EntryIdentity.DATA
                                        ? "another value (of term " + have + ")" : "term " + have)
                                + " at committed index " + index
                                + " (committed entry has term " + e.getValue().term() + ")"));
                return;
            }
        }
    }

    private boolean holds(LogView log, long index, StateMachineSafetyChecker.AppliedEntry committed) {
        if (index > log.lastIndex()) {
            return false;
        }
        if (applied.identity() == EntryIdentity.TERM_AND_DATA) {
            return log.term(index) == committed.term();
        }
        return EntryHash.of(log.entries(index, index + 1, Long.MAX_VALUE).get(0)) == committed.dataHash();
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
