package io.synod.sql.sys;

/**
 * One member of a consensus group as its node reports it. {@code role} is LEADER, FOLLOWER,
 * CANDIDATE, LEARNER or UNREACHABLE; {@code lag} is how many entries its log is behind the
 * leader's.
 */
public record ReplicaInfo(long groupId, long nodeId, String role, long term, long commitIndex, long appliedIndex,
                          long lastIndex, long lag) {
}
