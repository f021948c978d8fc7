package io.synod.kv.client;

import io.synod.proto.admin.MemberStatus;

/**
 * One member of a group as its own node reports it ({@code role} is "UNREACHABLE" when the node
 * did not answer); {@code lag} is how many entries its log is behind the leader's.
 */
public record MemberInfo(long nodeId, String address, String role, long term, long leaderId, long commitIndex,
                         long appliedIndex, long lastIndex, long lag, boolean learner) {

    static MemberInfo of(MemberStatus m) {
        return new MemberInfo(m.getNodeId(), m.getAddress(), m.getRole(), m.getTerm(), m.getLeaderId(),
                m.getCommitIndex(), m.getAppliedIndex(), m.getLastIndex(), m.getLag(), m.getLearner());
    }
}
