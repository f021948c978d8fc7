package io.synod.kv.check.safety;

import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.api.LogView;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Log matching: if two logs hold an entry with the same index and term, the entries are equal and
 * so are the logs up to that index. Checked locally and inductively: equal (index, term) must have
 * equal data and equal terms at index - 1 wherever both logs still hold it. Linear in the total
 * number of entries, so it scales to large clusters.
 */
public final class LogMatchingChecker {

    private record Key(long index, long term) {
    }

    private record Seen(long nodeId, long dataHash, long previousTerm) {
    }

    private LogMatchingChecker() {
    }

    /** Compares every pair of logs over their overlapping indexes, iterating nodes in map order. */
    public static List<Violation> check(Map<Long, ? extends LogView> logsByNode) {
        return check(logsByNode, EntryIdentity.TERM_AND_DATA);
    }

    /**
     * As {@link #check(Map)}; with {@link EntryIdentity#DATA} (Multi-Paxos) only the per-slot half
     * holds: one ballot accepts one value per slot. Prefixes may differ, and entries of term 0
     * (slots with nothing accepted yet) are skipped.
     */
    public static List<Violation> check(Map<Long, ? extends LogView> logsByNode, EntryIdentity identity) {
        boolean prefixesMatch = identity == EntryIdentity.TERM_AND_DATA;
        List<Violation> violations = new ArrayList<>();
        Map<Key, Seen> seen = new HashMap<>();
        for (Map.Entry<Long, ? extends LogView> node : logsByNode.entrySet()) {
            LogView log = node.getValue();
            if (log.lastIndex() < log.firstIndex()) {
                continue;
            }
            List<LogEntry> entries = log.entries(log.firstIndex(), log.lastIndex() + 1, Long.MAX_VALUE);
            long previousTerm = log.term(log.firstIndex() - 1);
            for (LogEntry e : entries) {
                if (!prefixesMatch && e.term() == 0) {
                    continue;
                }
                Seen mine = new Seen(node.getKey(), EntryHash.of(e), prefixesMatch ? previousTerm : -1);
                Seen other = seen.putIfAbsent(new Key(e.index(), e.term()), mine);
                if (other != null && violations.size() < 20) {
                    compare(e, other, mine, violations);
                }
                previousTerm = e.term();
            }
        }
        return violations;
    }

    private static void compare(LogEntry e, Seen a, Seen b, List<Violation> out) {
        if (a.dataHash() != b.dataHash()) {
            out.add(new Violation(Violation.Kind.LOG_MATCHING, "nodes " + a.nodeId() + " and " + b.nodeId()
                    + " hold different entries at index " + e.index() + " term " + e.term()));
        } else if (a.previousTerm() >= 0 && b.previousTerm() >= 0 && a.previousTerm() != b.previousTerm()) {
            out.add(new Violation(Violation.Kind.LOG_MATCHING, "nodes " + a.nodeId() + " and " + b.nodeId()
                    + " agree on index " + e.index() + " term " + e.term() + " but hold terms "
                    + a.previousTerm() + " and " + b.previousTerm() + " at index " + (e.index() - 1)));
        }
    }
}
