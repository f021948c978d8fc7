package io.synod.kv.check.linearizability;

import java.util.Objects;

/**
 * The verdict on a history. For {@link Verdict#ILLEGAL} {@code key} names the register that has
 * no linearization and {@code explanation} shows the longest linearizable prefix and the
 * operations that could not come next; for {@link Verdict#UNKNOWN} the search ran out of budget
 * on {@code key}. {@code key} is null for {@link Verdict#OK}.
 */
public record CheckResult(Verdict verdict, String key, String explanation) {

    public enum Verdict {
        /** Every key's sub-history has a linearization. */
        OK,
        /** Some key's sub-history has none. */
        ILLEGAL,
        /** The step budget ran out before a verdict was reached. */
        UNKNOWN
    }

    public CheckResult {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(explanation, "explanation");
    }

    public boolean isOk() {
        return verdict == Verdict.OK;
    }

    @Override
    public String toString() {
        return verdict + (key == null ? "" : " on key \"" + key + "\"") + ": " + explanation;
    }
}
