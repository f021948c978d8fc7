package io.synod.kv.sim;

import io.synod.kv.check.safety.EntryIdentity;
import io.synod.kv.consensus.api.ConsensusEngine;
import io.synod.kv.consensus.api.EngineConfig;
import io.synod.kv.consensus.api.EngineMessage;
import io.synod.kv.consensus.paxos.PaxosEngine;
import io.synod.kv.consensus.pbft.KeyedHashSignatures;
import io.synod.kv.consensus.pbft.PbftAuthenticator;
import io.synod.kv.consensus.pbft.PbftEngine;
import io.synod.kv.consensus.raft.RaftEngine;
import io.synod.kv.runtime.ConsensusProtocol;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/** Maps a protocol name, as given to {@code synod sim --consensus}, to its engine factory. */
public final class EngineFactories {

    /** Simulated replicas sign with keyed hashes: as unforgeable within a run as Ed25519, far cheaper. */
    static final KeyedHashSignatures SIM_SIGNATURES = new KeyedHashSignatures(0x5eed_0b7f_1234L);

    private EngineFactories() {
    }

    /** @throws IllegalArgumentException for a name no protocol has (see {@link ConsensusProtocol#named}) */
    public static EngineFactory forName(String name) {
        return forProtocol(ConsensusProtocol.named(name.toLowerCase(Locale.ROOT)));
    }

    /** The simulator's engines of {@code protocol} (PBFT signing with cheap keyed hashes). */
    public static EngineFactory forProtocol(ConsensusProtocol protocol) {
        return switch (protocol) {
            case RAFT -> RaftEngine::new;
            case MULTIPAXOS -> multiPaxos(PaxosEngine::new);
            case PBFT -> pbft(config -> new PbftEngine(config, SIM_SIGNATURES.authenticator(config.id())));
        };
    }

    /**
     * A Multi-Paxos engine factory: the checkers identify its entries by slot and value, and runs
     * leave out membership churn and wiped storage, which the engine does not handle yet.
     */
    public static EngineFactory multiPaxos(EngineFactory create) {
        return withoutChurnOrRepair(create, Set.of());
    }

    /**
     * A PBFT engine factory: entries identified by sequence number and request (a new view
     * re-proposes requests under its own view), no membership churn, no wiped storage.
     */
    public static EngineFactory pbft(EngineFactory create) {
        return withoutChurnOrRepair(create, Set.of());
    }

    /**
     * Entries identified by slot (sequence number) and value, no membership churn, no wiped
     * storage, and the replicas in {@code faulty} exempt from converging.
     */
    private static EngineFactory withoutChurnOrRepair(EngineFactory create, Set<Long> faulty) {
        return new EngineFactory() {
            @Override
            public ConsensusEngine<? extends EngineMessage> create(EngineConfig config) {
                return create.create(config);
            }

            @Override
            public EntryIdentity entryIdentity() {
                return EntryIdentity.DATA;
            }

            @Override
            public boolean changesMembership() {
                return false;
            }

            @Override
            public boolean repairsStorage() {
                return false;
            }

            @Override
            public Set<Long> faultyReplicas() {
                return faulty;
            }
        };
    }

    /** PBFT where the replicas in {@code faulty} misbehave as given (at most f of them keep the group safe). */
    public static EngineFactory pbftWithFaultyReplicas(Map<Long, ByzantineReplica.Behavior> faulty) {
        return pbftWithFaultyReplicas(faulty, (config, auth) -> new PbftEngine(config, auth));
    }

    /** As above, with the correct replicas built by {@code engines} (a deliberately broken variant, in tests). */
    public static EngineFactory pbftWithFaultyReplicas(Map<Long, ByzantineReplica.Behavior> faulty,
                                                       BiFunction<EngineConfig, PbftAuthenticator, PbftEngine> engines) {
        Map<Long, ByzantineReplica.Behavior> copy = Map.copyOf(faulty);
        return withoutChurnOrRepair(config -> {
            PbftEngine engine = engines.apply(config, SIM_SIGNATURES.authenticator(config.id()));
            ByzantineReplica.Behavior behavior = copy.get(config.id());
            return behavior == null ? engine : new ByzantineReplica(engine, behavior,
                    SIM_SIGNATURES.signer(config.id()),
                    List.copyOf(config.log().snapshotMeta().confState().voters()), config.random().nextLong());
        }, copy.keySet());
    }
}
