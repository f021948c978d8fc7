package io.synod.sql.kv;

/**
 * Whether a commit applied; if not, the index of the first condition that failed ({@code -1}
 * when committed). {@code revision} is the revision the commit was decided at.
 */
public record CommitOutcome(boolean committed, int failedCondition, long revision) {
}
