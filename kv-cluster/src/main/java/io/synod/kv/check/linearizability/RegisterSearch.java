package io.synod.kv.check.linearizability;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;

/**
 * Wing and Gong's search for a linearization of one register's history, with Lowe's
 * memoization: a configuration (set of linearized operations, register state) that was already
 * explored is never explored again. Call and return events form a doubly linked list in time
 * order; linearizing an operation unlinks both its events, backtracking relinks them. Reaching a
 * return event means its operation had to be linearized before everything after it: backtrack.
 *
 * <p>Indeterminate operations return at the end of time, after every completed operation, so the
 * search succeeds as soon as the next event is such a return: every completed operation is then
 * linearized, and the indeterminate ones not yet taken simply never took effect.
 */
final class RegisterSearch {

    /** How a search ended. {@code steps} counts loop iterations, the deterministic budget unit. */
    record Outcome(Status status, long steps, int[] longestPrefix, int stateAfterPrefix) {
    }

    enum Status { LINEARIZABLE, NOT_LINEARIZABLE, OUT_OF_BUDGET }

    private final RegisterHistory history;
    private final int head;
    private final int[] next;
    private final int[] prev;
    /** For a call event, its return event; -1 for a return event. */
    private final int[] match;
    private final int[] opOf;

    RegisterSearch(RegisterHistory history) {
        this.history = history;
        int n = history.size();
        Integer[] events = new Integer[2 * n];
        for (int e = 0; e < 2 * n; e++) {
            events[e] = e;
        }
        // Event e < n is the call of op e, event e >= n its return. At equal times calls come
        // first, so operations that touch in time count as concurrent (the permissive reading),
        // and returns of completed operations come before those of indeterminate ones.
        Arrays.sort(events, (a, b) -> {
            int byTime = Long.compare(time(a, n), time(b, n));
            if (byTime != 0) {
                return byTime;
            }
            int byKind = Boolean.compare(a >= n, b >= n);
            return byKind != 0 ? byKind : Boolean.compare(history.isIndeterminate(a % n), history.isIndeterminate(b % n));
        });
        head = 2 * n;
        next = new int[2 * n + 1];
        prev = new int[2 * n + 1];
        match = new int[2 * n];
        opOf = new int[2 * n];
        int last = head;
        for (Integer e : events) {
            next[last] = e;
            prev[e] = last;
            last = e;
        }
        next[last] = -1;
        for (int op = 0; op < n; op++) {
            match[op] = n + op;
            match[n + op] = -1;
            opOf[op] = op;
            opOf[n + op] = op;
        }
    }

    private long time(int event, int n) {
        Operation op = history.ops.get(event % n);
        return event < n ? op.callTime() : op.returnTime();
    }

    Outcome run(long budget) {
        int n = history.size();
        BitSet linearized = new BitSet(n);
        Set<Configuration> seen = new HashSet<>();
        int[] stackCall = new int[n];
        int[] stackState = new int[n];
        int depth = 0;
        int[] longest = new int[0];
        int stateAfterLongest = RegisterHistory.ABSENT;
        int state = RegisterHistory.ABSENT;
        int entry = next[head];
        long steps = 0;
        while (entry != -1) {
            if (++steps > budget) {
                return new Outcome(Status.OUT_OF_BUDGET, steps - 1, longest, stateAfterLongest);
            }
            if (match[entry] >= 0) {
                int op = opOf[entry];
                int after = history.step(state, op);
                if (after != RegisterHistory.ILLEGAL) {
                    linearized.set(op);
                    if (seen.add(new Configuration(linearized, after))) {
                        stackCall[depth] = entry;
                        stackState[depth] = state;
                        depth++;
                        if (depth > longest.length) {
                            longest = prefix(stackCall, depth);
                            stateAfterLongest = after;
                        }
                        state = after;
                        lift(entry);
                        entry = next[head];
                        continue;
                    }
                    linearized.clear(op);
                }
                entry = next[entry];
            } else {
                if (history.isIndeterminate(opOf[entry])) {
                    break;
                }
                if (depth == 0) {
                    return new Outcome(Status.NOT_LINEARIZABLE, steps, longest, stateAfterLongest);
                }
                depth--;
                entry = stackCall[depth];
                state = stackState[depth];
                linearized.clear(opOf[entry]);
                unlift(entry);
                entry = next[entry];
            }
        }
        return new Outcome(Status.LINEARIZABLE, steps, prefix(stackCall, depth), state);
    }

    private int[] prefix(int[] calls, int depth) {
        int[] ops = new int[depth];
        for (int i = 0; i < depth; i++) {
            ops[i] = opOf[calls[i]];
        }
        return ops;
    }

    private void lift(int call) {
        unlink(call);
        unlink(match[call]);
    }

    private void unlift(int call) {
        relink(match[call]);
        relink(call);
    }

    private void unlink(int e) {
        next[prev[e]] = next[e];
        if (next[e] != -1) {
            prev[next[e]] = prev[e];
        }
    }

    private void relink(int e) {
        next[prev[e]] = e;
        if (next[e] != -1) {
            prev[next[e]] = e;
        }
    }

    /** A memoized search configuration: which operations are linearized and the register state. */
    private static final class Configuration {
        private final long[] linearized;
        private final int state;
        private final int hash;

        Configuration(BitSet linearized, int state) {
            this.linearized = linearized.toLongArray();
            this.state = state;
            this.hash = 31 * Arrays.hashCode(this.linearized) + state;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Configuration c && c.state == state && Arrays.equals(c.linearized, linearized);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
