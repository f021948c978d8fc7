package io.synod.kv.transport.codec;

import io.synod.kv.consensus.api.EngineMessage;

import java.util.Objects;

/** A validated peer envelope: which cluster and consensus group its engine message belongs to. */
public record DecodedEnvelope(String clusterId, long groupId, EngineMessage message) {

    public DecodedEnvelope {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(message, "message");
    }
}
