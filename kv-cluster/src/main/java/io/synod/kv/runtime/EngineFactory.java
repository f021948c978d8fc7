package io.synod.kv.runtime;

import io.synod.kv.consensus.api.ConsensusEngine;
import io.synod.kv.consensus.api.EngineConfig;
import io.synod.kv.consensus.api.EngineMessage;
import io.synod.kv.consensus.paxos.PaxosEngine;
import io.synod.kv.consensus.paxos.PaxosMessage;
import io.synod.kv.consensus.raft.RaftEngine;
import io.synod.kv.consensus.raft.RaftMessage;

/** Builds the consensus engine a replica runs; one factory per protocol. */
public interface EngineFactory<M extends EngineMessage> {

    ConsensusEngine<M> create(EngineConfig config);

    /** The engine's message type, to reject foreign messages arriving from the transport. */
    Class<M> messageType();

    static EngineFactory<RaftMessage> raft() {
        return new EngineFactory<>() {
            @Override
            public ConsensusEngine<RaftMessage> create(EngineConfig config) {
                return new RaftEngine(config);
            }

            @Override
            public Class<RaftMessage> messageType() {
                return RaftMessage.class;
            }
        };
    }

    static EngineFactory<PaxosMessage> multiPaxos() {
        return new EngineFactory<>() {
            @Override
            public ConsensusEngine<PaxosMessage> create(EngineConfig config) {
                return new PaxosEngine(config);
            }

            @Override
            public Class<PaxosMessage> messageType() {
                return PaxosMessage.class;
            }
        };
    }

    /**
     * The factory of a protocol by its configuration name ({@code raft}, {@code multipaxos}).
     *
     * @throws IllegalArgumentException for a protocol nodes cannot run
     */
    static EngineFactory<? extends EngineMessage> forProtocol(String name) {
        return switch (name) {
            case "raft" -> raft();
            case "multipaxos" -> multiPaxos();
            default -> throw new IllegalArgumentException("unknown consensus protocol '" + name
                    + "' (supported: raft, multipaxos)");
        };
    }
}
