package io.synod.kv.check.linearizability;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The operations on one key, encoded for the search: values are interned to small ints
 * ({@link #ABSENT} for a missing key) and the register model's step is a few int comparisons.
 * Indeterminate reads are dropped: they change nothing and promise nothing.
 */
final class RegisterHistory {

    static final int ABSENT = -1;
    /** Returned by {@link #step} when the operation cannot take effect in the given state. */
    static final int ILLEGAL = -2;

    final List<Operation> ops = new ArrayList<>();
    private final List<String> values = new ArrayList<>();
    private final Map<String, Integer> valueIds = new HashMap<>();
    private final KvInput.Kind[] kinds;
    private final int[] written;
    private final int[] expected;
    private final int[] read;
    private final boolean[] succeeded;
    private final boolean[] indeterminate;

    RegisterHistory(List<Operation> keyOps) {
        for (Operation op : keyOps) {
            if (!(op.isIndeterminate() && op.input().kind() == KvInput.Kind.GET)) {
                ops.add(op);
            }
        }
        int n = ops.size();
        kinds = new KvInput.Kind[n];
        written = new int[n];
        expected = new int[n];
        read = new int[n];
        succeeded = new boolean[n];
        indeterminate = new boolean[n];
        for (int i = 0; i < n; i++) {
            Operation op = ops.get(i);
            kinds[i] = op.input().kind();
            written[i] = intern(op.input().value());
            expected[i] = intern(op.input().expected());
            indeterminate[i] = op.isIndeterminate();
            read[i] = op.isIndeterminate() ? ABSENT : intern(op.output().value());
            succeeded[i] = !op.isIndeterminate() && op.output().succeeded();
        }
    }

    int size() {
        return ops.size();
    }

    boolean isIndeterminate(int op) {
        return indeterminate[op];
    }

    /**
     * The state after operation {@code op} takes effect in {@code state}, or {@link #ILLEGAL} if
     * its recorded output contradicts that state. An indeterminate CAS is only worth linearizing
     * when it succeeds: a failed one is indistinguishable from never taking effect.
     */
    int step(int state, int op) {
        return switch (kinds[op]) {
            case GET -> read[op] == state ? state : ILLEGAL;
            case PUT -> written[op];
            case DELETE -> ABSENT;
            case CAS -> {
                boolean matches = state == expected[op];
                if (indeterminate[op] || succeeded[op]) {
                    yield matches ? written[op] : ILLEGAL;
                }
                yield matches ? ILLEGAL : state;
            }
        };
    }

    String describeState(int state) {
        return state == ABSENT ? "absent" : quote(values.get(state));
    }

    static String describe(Operation op) {
        KvInput in = op.input();
        String what = switch (in.kind()) {
            case GET -> "GET";
            case PUT -> "PUT " + quote(in.value());
            case DELETE -> "DELETE";
            case CAS -> "CAS " + (in.expected() == null ? "absent" : quote(in.expected())) + " -> " + quote(in.value());
        };
        String outcome;
        if (op.isIndeterminate()) {
            outcome = " => ?";
        } else if (in.kind() == KvInput.Kind.GET) {
            outcome = " => " + (op.output().value() == null ? "absent" : quote(op.output().value()));
        } else if (in.kind() == KvInput.Kind.CAS) {
            outcome = op.output().succeeded() ? " => ok" : " => failed";
        } else {
            outcome = "";
        }
        String end = op.isIndeterminate() ? "never returned" : String.valueOf(op.returnTime());
        return "#" + op.id() + " client " + op.clientId() + " " + what + outcome + " [" + op.callTime() + ", " + end + "]";
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    private int intern(String value) {
        if (value == null) {
            return ABSENT;
        }
        return valueIds.computeIfAbsent(value, v -> {
            values.add(v);
            return values.size() - 1;
        });
    }
}
