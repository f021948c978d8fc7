package io.synod.kv.runtime;

import io.synod.crypto.digest.Digest;
import io.synod.kv.consensus.api.EngineMessage;

import java.util.List;
import java.util.Optional;

/**
 * How the replicas of a Byzantine-tolerant protocol vouch for results: after applying committed
 * commands every replica sends its peers a signed reply reporting, for each command, the digest
 * of its result. The replica a client asked answers only once {@link #matching()} replicas (its
 * own reply counting as one) reported the digest of the result it got itself, and hands the
 * client those signed replies as a certificate, so a client need not trust the replica it asked.
 * Crash-tolerant protocols have none: the asked replica's own apply is the answer. Signing and
 * checking stay here, apart from the engine.
 *
 * @param <M> the engine's message type, which carries the replies between nodes
 */
public interface SignedReplies<M extends EngineMessage> {

    /** A command this replica applied, and what it produced. */
    record Applied(long index, Digest command, byte[] result) {
    }

    /** What a reply reports about one command: the digest of its result. */
    record Report(long index, Digest command, Digest result) {
    }

    /** Replicas that must report the same result before a client gets it (f+1: at least one correct). */
    int matching();

    /** This replica's signed reply reporting {@code applied} in {@code view}; empty if it reports nothing. */
    Optional<M> reply(long view, List<Applied> applied);

    /** Copies of this replica's {@code reply}, one for each other replica. */
    List<M> toPeers(M reply);

    /** Whether {@code message} is a reply (the runtime handles it instead of the engine). */
    boolean isReply(M message);

    /** The reports a reply carries, not yet checked; empty if it is malformed. */
    List<Report> reports(M reply);

    /** The replica that claims to have sent {@code reply}. */
    long sender(M reply);

    /** Whether {@code reply}, received from a peer, carries its sender's valid signature. */
    boolean verify(M reply);

    /** {@code reply} in the protocol's wire format, as a client checks it. */
    byte[] encode(M reply);
}
