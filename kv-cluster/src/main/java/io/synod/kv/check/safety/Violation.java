package io.synod.kv.check.safety;

import java.util.Objects;

/** One broken guarantee found by a checker, with enough detail to start debugging from. */
public record Violation(Kind kind, String detail) {

    public enum Kind {
        /** Two leaders in one term. */
        ELECTION_SAFETY,
        /** Two logs agree on an entry's index and term but not on its data or prefix. */
        LOG_MATCHING,
        /** A new leader lacks an entry committed in an earlier term. */
        LEADER_COMPLETENESS,
        /** A leader committed by counting replicas of an entry from an earlier term. */
        COMMIT_RULE,
        /** Two replicas applied different entries at one index. */
        STATE_MACHINE_SAFETY,
        /** Replicas applied the same index but hold different states. */
        STATE_DIVERGENCE,
        /** An acknowledged write is missing after the cluster healed. */
        LOST_WRITE,
        /** The client history has no linearization. */
        LINEARIZABILITY,
        /** The healed cluster did not converge within the bound. */
        LIVENESS,
        /** An engine or the runtime driving it failed an internal assertion. */
        INVARIANT
    }

    public Violation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return kind + ": " + detail;
    }
}
