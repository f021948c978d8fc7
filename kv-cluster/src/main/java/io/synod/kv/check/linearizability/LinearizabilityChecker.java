package io.synod.kv.check.linearizability;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks a client history of the key-value store for linearizability. Each key is an independent
 * register (value or absent), and linearizability is compositional, so every key's sub-history
 * is searched on its own ({@link RegisterSearch}), keys in sorted order. The budget counts search
 * steps, not time, so a verdict is reproducible on any machine.
 */
public final class LinearizabilityChecker {

    /** Enough for thousands of operations with ~10 concurrent clients per key. */
    public static final long DEFAULT_STEP_BUDGET = 50_000_000L;
    private static final int MAX_PREFIX_SHOWN = 20;

    private LinearizabilityChecker() {
    }

    public static CheckResult check(List<Operation> history) {
        return check(history, DEFAULT_STEP_BUDGET);
    }

    /** Checks with a budget of {@code maxSteps} search steps shared by all keys. */
    public static CheckResult check(List<Operation> history, long maxSteps) {
        if (maxSteps <= 0) {
            throw new IllegalArgumentException("step budget must be positive: " + maxSteps);
        }
        Map<String, List<Operation>> byKey = new TreeMap<>();
        for (Operation op : history) {
            byKey.computeIfAbsent(op.input().key(), k -> new ArrayList<>()).add(op);
        }
        long remaining = maxSteps;
        for (Map.Entry<String, List<Operation>> e : byKey.entrySet()) {
            RegisterHistory register = new RegisterHistory(e.getValue());
            RegisterSearch.Outcome outcome = new RegisterSearch(register).run(remaining);
            remaining -= outcome.steps();
            switch (outcome.status()) {
                case NOT_LINEARIZABLE -> {
                    return new CheckResult(CheckResult.Verdict.ILLEGAL, e.getKey(),
                            explainFailure(e.getKey(), register, outcome));
                }
                case OUT_OF_BUDGET -> {
                    return new CheckResult(CheckResult.Verdict.UNKNOWN, e.getKey(),
                            "step budget of " + maxSteps + " exhausted while searching key \"" + e.getKey()
                                    + "\" (" + register.size() + " operations, longest linearizable prefix "
                                    + outcome.longestPrefix().length + ")");
                }
                case LINEARIZABLE -> {
                }
            }
        }
        return new CheckResult(CheckResult.Verdict.OK, null,
                history.size() + " operations on " + byKey.size() + " keys are linearizable ("
                        + (maxSteps - remaining) + " search steps)");
    }

    private static String explainFailure(String key, RegisterHistory register, RegisterSearch.Outcome outcome) {
        int[] prefix = outcome.longestPrefix();
        StringBuilder out = new StringBuilder("key \"").append(key).append("\" has no linearization.\n");
        out.append("Longest linearizable prefix: ").append(prefix.length).append(" of ")
                .append(register.size()).append(" operations");
        int from = Math.max(0, prefix.length - MAX_PREFIX_SHOWN);
        if (from > 0) {
            out.append(" (first ").append(from).append(" not shown)");
        }
        out.append(prefix.length == 0 ? "\n" : ":\n");
        for (int i = from; i < prefix.length; i++) {
            out.append("  ").append(RegisterHistory.describe(register.ops.get(prefix[i]))).append('\n');
        }
        out.append("Value after it: ").append(register.describeState(outcome.stateAfterPrefix())).append('\n');
        out.append("None of these could be linearized next:\n");
        for (int op : nextCandidates(register, prefix)) {
            out.append("  ").append(RegisterHistory.describe(register.ops.get(op))).append('\n');
        }
        return out.toString().stripTrailing();
    }

    /**
     * The completed operations that could come right after the prefix: not yet linearized and
     * called before the earliest return among the completed operations still outstanding.
     */
    private static List<Integer> nextCandidates(RegisterHistory register, int[] prefix) {
        BitSet done = new BitSet(register.size());
        for (int op : prefix) {
            done.set(op);
        }
        long deadline = Long.MAX_VALUE;
        for (int op = 0; op < register.size(); op++) {
            if (!done.get(op) && !register.isIndeterminate(op)) {
                deadline = Math.min(deadline, register.ops.get(op).returnTime());
            }
        }
        List<Integer> candidates = new ArrayList<>();
        for (int op = 0; op < register.size(); op++) {
            if (!done.get(op) && !register.isIndeterminate(op) && register.ops.get(op).callTime() <= deadline) {
                candidates.add(op);
            }
        }
        return candidates;
    }
}
