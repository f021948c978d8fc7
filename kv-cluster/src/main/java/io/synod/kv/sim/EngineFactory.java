package io.synod.kv.sim;

import io.synod.kv.consensus.api.ConsensusEngine;
import io.synod.kv.consensus.api.EngineConfig;
import io.synod.kv.consensus.api.EngineMessage;

/** Builds the engine of one replica; tests pass deliberately broken engines through it. */
@FunctionalInterface
public interface EngineFactory {

    ConsensusEngine<? extends EngineMessage> create(EngineConfig config);
}
