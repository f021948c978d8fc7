package io.synod.kv.sim;

import io.synod.kv.check.safety.EntryIdentity;
import io.synod.kv.consensus.api.ConsensusEngine;
import io.synod.kv.consensus.api.EngineConfig;
import io.synod.kv.consensus.api.EngineMessage;

import java.util.Set;

/** Builds the engine of one replica; tests pass deliberately broken engines through it. */
@FunctionalInterface
public interface EngineFactory {

    ConsensusEngine<? extends EngineMessage> create(EngineConfig config);

    /** How the checkers tell this protocol's entries apart: Raft's (index, term, data) unless overridden. */
    default EntryIdentity entryIdentity() {
        return EntryIdentity.TERM_AND_DATA;
    }

    /**
     * Whether the engine implements membership changes; if not, the simulator leaves the
     * MEMBERSHIP fault out of its runs.
     */
    default boolean changesMembership() {
        return true;
    }

    /**
     * Whether the engine supports a replica restarted on wiped storage (it judges elections by
     * the log it lost, see {@link io.synod.kv.consensus.api.RepairFloor}); if not, the simulator
     * leaves the WIPE fault out of its runs.
     */
    default boolean repairsStorage() {
        return true;
    }

    /**
     * Replicas built to misbehave (Byzantine fault injection): the checkers still hold every
     * correct replica to safety, but none of them owes convergence.
     */
    default Set<Long> faultyReplicas() {
        return Set.of();
    }
}
