package io.synod.kv.runtime;

import io.synod.crypto.key.ClusterKeys;
import io.synod.crypto.key.NodeKeyPair;
import io.synod.crypto.sign.Ed25519Signer;
import io.synod.crypto.sign.Ed25519Verifier;
import io.synod.kv.consensus.api.ConsensusEngine;
import io.synod.kv.consensus.api.EngineConfig;
import io.synod.kv.consensus.api.EngineMessage;
import io.synod.kv.consensus.paxos.PaxosEngine;
import io.synod.kv.consensus.paxos.PaxosMessage;
import io.synod.kv.consensus.pbft.PbftAuthenticator;
import io.synod.kv.consensus.pbft.PbftEngine;
import io.synod.kv.consensus.pbft.PbftMessage;
import io.synod.kv.consensus.pbft.PbftQuorum;
import io.synod.kv.consensus.raft.RaftEngine;
import io.synod.kv.consensus.raft.RaftMessage;

import java.util.Optional;
import java.util.SortedSet;
import java.util.function.BiFunction;
import java.util.function.LongFunction;

/** Builds the consensus engine a replica runs; one factory per protocol. */
public interface EngineFactory<M extends EngineMessage> {

    ConsensusEngine<M> create(EngineConfig config);

    /** The engine's message type, to reject foreign messages arriving from the transport. */
    Class<M> messageType();

    /**
     * How this protocol's replicas vouch for results to the replica a client asked; empty for
     * crash-tolerant protocols, where that replica's own apply is the answer.
     */
    default Optional<SignedReplies<M>> signedReplies(long nodeId, SortedSet<Long> voters) {
        return Optional.empty();
    }

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

    /** PBFT replicas sign with this node's Ed25519 key and check signatures against the cluster's public keys. */
    static EngineFactory<PbftMessage> pbft(NodeKeyPair key, ClusterKeys cluster) {
        PbftAuthenticator auth = new PbftAuthenticator(new Ed25519Signer(key), new Ed25519Verifier(cluster));
        return pbft(node -> auth, PbftEngine::new, node -> ReportedResults.TRUTHFUL);
    }

    /**
     * PBFT with node {@code id} signing through {@code auth(id)}, its engine built by
     * {@code engines}, and reporting {@code reportedResults(id)} of the results it applied in
     * its signed replies: the result itself on a correct replica, something else only in
     * test-only fault injection.
     */
    static EngineFactory<PbftMessage> pbft(LongFunction<PbftAuthenticator> auth,
            BiFunction<EngineConfig, PbftAuthenticator, ConsensusEngine<PbftMessage>> engines,
            LongFunction<ReportedResults> reportedResults) {
        return new EngineFactory<>() {
            @Override
            public ConsensusEngine<PbftMessage> create(EngineConfig config) {
                return engines.apply(config, auth.apply(config.id()));
            }

            @Override
            public Class<PbftMessage> messageType() {
                return PbftMessage.class;
            }

            @Override
            public Optional<SignedReplies<PbftMessage>> signedReplies(long nodeId, SortedSet<Long> voters) {
                return Optional.of(new PbftSignedReplies(nodeId, PbftQuorum.of(voters), auth.apply(nodeId),
                        reportedResults.apply(nodeId)));
            }
        };
    }

    /**
     * The factory of a protocol that needs no keys; PBFT is built with {@link #pbft} from the
     * node's keys.
     *
     * @throws IllegalArgumentException for a protocol that needs keys
     */
    static EngineFactory<? extends EngineMessage> forProtocol(ConsensusProtocol protocol) {
        return switch (protocol) {
            case RAFT -> raft();
            case MULTIPAXOS -> multiPaxos();
            case PBFT -> throw new IllegalArgumentException("PBFT needs the node's keys: use EngineFactory.pbft");
        };
    }
}
