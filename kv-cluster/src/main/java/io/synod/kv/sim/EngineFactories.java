package io.synod.kv.sim;

import io.synod.kv.check.safety.EntryIdentity;
import io.synod.kv.consensus.api.ConsensusEngine;
import io.synod.kv.consensus.api.EngineConfig;
import io.synod.kv.consensus.api.EngineMessage;
import io.synod.kv.consensus.paxos.PaxosEngine;
import io.synod.kv.consensus.pbft.KeyedHashSignatures;
import io.synod.kv.consensus.pbft.PbftEngine;
import io.synod.kv.consensus.raft.RaftEngine;

import java.util.Locale;

/** Maps a protocol name, as given to {@code synod sim --consensus}, to its engine factory. */
public final class EngineFactories {

    /** Simulated replicas sign with keyed hashes: as unforgeable within a run as Ed25519, far cheaper. */
    static final KeyedHashSignatures SIM_SIGNATURES = new KeyedHashSignatures(0x5eed_0b7f_1234L);

    private EngineFactories() {
    }

    /** @throws IllegalArgumentException for a protocol that has no engine yet */
    public static EngineFactory forName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "raft" -> RaftEngine::new;
            case "multipaxos" -> multiPaxos(PaxosEngine::new);
            case "pbft" -> pbft(config -> new PbftEngine(config, SIM_SIGNATURES.authenticator(config.id())));
            default -> throw new IllegalArgumentException("unknown consensus protocol '" + name
                    + "'; supported: raft, multipaxos, pbft");
        };
    }

    /**
     * A Multi-Paxos engine factory: the checkers identify its entries by slot and value, and runs
     * leave out membership churn and wiped storage, which the engine does not handle yet.
     */
    public static EngineFactory multiPaxos(EngineFactory create) {
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
        };
    }

    /**
     * A PBFT engine factory: entries identified by sequence number and request (a new view
     * re-proposes requests under its own view), no membership churn, no wiped storage.
     */
    public static EngineFactory pbft(EngineFactory create) {
        return multiPaxos(create);
    }
}
