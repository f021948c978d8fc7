package io.synod.kv.consensus.raft;

import io.synod.kv.consensus.EngineTestCluster;
import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.consensus.api.EngineConfig;
import io.synod.kv.consensus.api.HardState;
import io.synod.kv.consensus.api.RepairFloor;
import io.synod.kv.storage.mem.MemoryLogStore;

import java.util.Map;
import java.util.function.Function;

/**
 * {@link EngineTestCluster} of RaftEngines, with Raft's extras: textbook clusters without pre-vote
 * or check-quorum, and storage repair after damage.
 */
final class TestCluster extends EngineTestCluster<RaftMessage, RaftEngine> {

    private final ConfState bootstrap;

    /** Nodes whose election timeout is the shortest win the first election. */
    TestCluster(ConfState members, Map<Long, Integer> timeoutOffsets, Function<EngineConfig, EngineConfig> tweak) {
        super(members, timeoutOffsets, tweak, RaftEngine::new);
        this.bootstrap = members;
    }

    static TestCluster of(long... voters) {
        return new TestCluster(voters(voters), Map.of(voters[0], 0), c -> c);
    }

    /** Textbook Raft: no pre-vote, no check-quorum, so a node that times out disrupts at once. */
    static TestCluster plain(long... voters) {
        return new TestCluster(voters(voters), Map.of(voters[0], 0), c -> flags(c, false, false, false));
    }

    static EngineConfig flags(EngineConfig c, boolean preVote, boolean checkQuorum, boolean leaseReads) {
        return new EngineConfig(c.id(), c.log(), c.random(), c.appliedIndex(), c.electionTicks(), c.heartbeatTicks(),
                preVote, checkQuorum, leaseReads, c.maxInflightMessages(), c.maxBytesPerMessage(),
                c.maxUncommittedBytes(), c.snapshotChunkBytes(), c.repairFloor());
    }

    /**
     * What a runtime does when a node's storage is found damaged: replaces it by an empty store
     * that keeps the term and vote and records the last entry held as the repair floor, then
     * restarts the node over it (with {@code factory}'s engine).
     */
    void wipeAndRepair(long id, Function<EngineConfig, RaftEngine> factory) {
        Node n = node(id);
        HardState kept = n.store.hardState();
        RepairFloor floor = n.store.floorAfterDamage();
        MemoryLogStore fresh = new MemoryLogStore(bootstrap);
        fresh.beginRepair(kept.term(), kept.vote(), floor);
        n.store = fresh;
        n.applied.clear();
        inFlight.removeIf(m -> m.from() == id || m.to() == id);
        n.engine = factory.apply(config(id));
    }
}
