package io.synod.kv.consensus.paxos;

import io.synod.kv.consensus.EngineTestCluster;
import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.consensus.api.EngineConfig;

import java.util.Map;
import java.util.function.Function;

/** {@link EngineTestCluster} of PaxosEngines. */
final class PaxosTestCluster extends EngineTestCluster<PaxosMessage, PaxosEngine> {

    /** Nodes whose election timeout is the shortest win the first election. */
    PaxosTestCluster(ConfState members, Map<Long, Integer> timeoutOffsets, Function<EngineConfig, EngineConfig> tweak) {
        super(members, timeoutOffsets, tweak, PaxosEngine::new);
    }

    static PaxosTestCluster of(long... voters) {
        return new PaxosTestCluster(voters(voters), Map.of(voters[0], 0), c -> c);
    }
}
