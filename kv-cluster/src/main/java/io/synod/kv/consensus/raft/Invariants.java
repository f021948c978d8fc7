package io.synod.kv.consensus.raft;

/** Always-on invariant checks: a violated invariant is a bug, so fail loudly instead of diverging. */
final class Invariants {

    private Invariants() {
    }

    static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("raft invariant violated: " + what);
        }
    }
}
