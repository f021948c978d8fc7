package io.synod.kv.transport.codec;

import io.synod.kv.consensus.raft.RaftMessage;

import java.util.Objects;

/** A validated peer envelope: which cluster and consensus group its Raft message belongs to. */
public record DecodedEnvelope(String clusterId, long groupId, RaftMessage message) {

    public DecodedEnvelope {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(message, "message");
    }
}
