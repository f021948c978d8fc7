package io.synod.kv.runtime;

import io.synod.crypto.digest.Digest;
import io.synod.kv.consensus.api.EngineMessage;

import java.util.List;

/**
 * How the replicas of a Byzantine-tolerant protocol vouch for results: after applying committed
 * commands every replica sends its peers a signed reply with the results, and the replica a
 * client asked answers only once {@link #matching()} replicas (its own apply counting as one)
 * sent the same result, so a faulty replica's lie alone is never answered. Crash-tolerant
 * protocols have none: the asked replica's own apply is the answer. Signing and checking stay
 * here, apart from the engine.
 *
 * @param <M> the engine's message type, which carries the replies between nodes
 */
public interface SignedReplies<M extends EngineMessage> {

    /** One applied command's result, as a replica reports it. */
    record Result(long index, Digest command, byte[] result) {
    }

    /** Replicas that must report the same result before a client gets it (f+1: at least one correct). */
    int matching();

    /** The signed replies reporting {@code results} applied here in {@code view}: one per other replica. */
    List<M> replies(long view, List<Result> results);

    /** Whether {@code message} is a reply (the runtime handles it instead of the engine). */
    boolean isReply(M message);

    /** The results a reply reports, not yet checked; empty if it is malformed. */
    List<Result> results(M reply);

    /** The replica that claims to have sent {@code reply}. */
    long sender(M reply);

    /** Whether {@code reply} carries its sender's valid signature. */
    boolean verify(M reply);
}
