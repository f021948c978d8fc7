package io.synod.kv.check.safety;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * State-machine safety: every replica that applies an index applies the same entry there. Keeps
 * the first application of each index as the reference the others must match.
 */
public final class StateMachineSafetyChecker {

    /** The first application seen for an index. */
    public record AppliedEntry(long nodeId, long term, long dataHash) {
    }

    private final EntryIdentity identity;
    private final TreeMap<Long, AppliedEntry> firstApplied = new TreeMap<>();
    private static final int MAX_REPORTED = 5;

    private final List<Violation> violations = new ArrayList<>();

    public StateMachineSafetyChecker() {
        this(EntryIdentity.TERM_AND_DATA);
    }

    public StateMachineSafetyChecker(EntryIdentity identity) {
        this.identity = identity;
    }

    public EntryIdentity identity() {
        return identity;
    }

    /** Whether an entry of {@code term} with {@code dataHash} is the same as {@code reference}. */
    public boolean sameEntry(AppliedEntry reference, long term, long dataHash) {
        return reference.dataHash() == dataHash
                && (identity == EntryIdentity.DATA || reference.term() == term);
    }

    public void observeApply(long nodeId, long index, long term, long dataHash) {
        AppliedEntry first = firstApplied.putIfAbsent(index, new AppliedEntry(nodeId, term, dataHash));
        if (first != null && !sameEntry(first, term, dataHash)) {
            report(new Violation(Violation.Kind.STATE_MACHINE_SAFETY,
                    "index " + index + ": node " + first.nodeId() + " applied term " + first.term()
                            + " hash " + Long.toHexString(first.dataHash()) + " but node " + nodeId
                            + " applied term " + term + " hash " + Long.toHexString(dataHash)));
        }
    }

    /** The reference entry at {@code index}, or null if no replica applied it yet. */
    public AppliedEntry appliedAt(long index) {
        return firstApplied.get(index);
    }

    /** A read-only view of the applied entries with {@code lo <= index <= hi}, in index order. */
    public NavigableMap<Long, AppliedEntry> appliedBetween(long lo, long hi) {
        if (lo > hi) {
            return Collections.emptyNavigableMap();
        }
        return Collections.unmodifiableNavigableMap(firstApplied.subMap(lo, true, hi, true));
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
