package io.synod.kv.client;

import com.google.protobuf.InvalidProtocolBufferException;
import io.synod.crypto.digest.Digest;
import io.synod.crypto.key.ClusterKeys;
import io.synod.crypto.sign.Ed25519Verifier;
import io.synod.crypto.sign.Signature;
import io.synod.crypto.sign.Verifier;
import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.pbft.PbftMessage;
import io.synod.kv.consensus.pbft.PbftMessageType;
import io.synod.kv.consensus.pbft.PbftReplyEntry;
import io.synod.kv.consensus.pbft.PbftSignBytes;
import io.synod.kv.transport.codec.MalformedEnvelopeException;
import io.synod.kv.transport.codec.PbftWireCodec;
import io.synod.proto.kv.KvCommand;
import io.synod.proto.kv.KvCommandResult;
import io.synod.proto.kv.ReplyCertificate;
import io.synod.proto.kv.SignedReply;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SortedSet;

/**
 * Checks a PBFT cluster's {@link ReplyCertificate}s on the client side, so that no single node,
 * the one the client asked included, can make it accept a result: a result is taken only if
 * f+1 distinct replicas of the cluster (at least one of them correct) signed REPLY messages
 * reporting the digest of that result for the digest of the very command the client sent.
 * Thread-safe.
 */
public final class ReplyCertificateVerifier {

    private final Verifier signatures;
    private final SortedSet<Long> replicas;
    private final int matching;

    /**
     * @param signatures checks a replica's signature
     * @param replicas   the cluster's replicas
     */
    public ReplyCertificateVerifier(Verifier signatures, SortedSet<Long> replicas) {
        if (replicas.isEmpty()) {
            throw new IllegalArgumentException("a cluster has at least one replica");
        }
        this.signatures = signatures;
        this.replicas = replicas;
        this.matching = (replicas.size() - 1) / 3 + 1;
    }

    /** Checks Ed25519 signatures against the cluster's public keys (its {@code cluster.keys} file). */
    public static ReplyCertificateVerifier forCluster(ClusterKeys keys) {
        return new ReplyCertificateVerifier(new Ed25519Verifier(keys), keys.memberIds());
    }

    /** How many replicas must vouch for a result: f+1. */
    public int matching() {
        return matching;
    }

    /**
     * The result {@code certificate} proves for {@code sent}.
     *
     * @throws UncertifiedResultException if it proves nothing about {@code sent}
     */
    public KvCommandResult verify(KvCommand sent, ReplyCertificate certificate) {
        KvCommand command;
        KvCommandResult result;
        try {
            command = KvCommand.parseFrom(certificate.getCommand());
            result = KvCommandResult.parseFrom(certificate.getResult());
        } catch (InvalidProtocolBufferException e) {
            throw new UncertifiedResultException("the certificate's command or result is not valid");
        }
        if (!command.equals(sent)) {
            throw new UncertifiedResultException("the certificate is for another command than the one sent");
        }
        byte[] expected = new PbftReplyEntry(Digest.sha256(certificate.getCommand().toByteArray()),
                Digest.sha256(certificate.getResult().toByteArray())).toBytes();
        Set<Long> vouching = new HashSet<>();
        for (SignedReply reply : certificate.getRepliesList()) {
            if (!vouching.contains(reply.getReplica()) && vouches(reply, expected)) {
                vouching.add(reply.getReplica());
            }
        }
        if (vouching.size() < matching) {
            throw new UncertifiedResultException(vouching.size() + " valid signed replies vouch for the result, "
                    + matching + " needed (" + certificate.getRepliesCount() + " in the certificate)");
        }
        return result;
    }

    private boolean vouches(SignedReply reply, byte[] expectedEntry) {
        if (!replicas.contains(reply.getReplica())) {
            return false;
        }
        PbftMessage m;
        try {
            m = PbftWireCodec.decode(reply.getMessage().toByteArray(), reply.getReplica(), 0);
        } catch (MalformedEnvelopeException e) {
            return false;
        }
        if (m.type() != PbftMessageType.REPLY || m.signature().length != Signature.SIZE
                || !signatures.verify(m.from(), PbftSignBytes.of(m), Signature.of(m.signature()))) {
            return false;
        }
        for (LogEntry e : m.entries()) {
            if (Arrays.equals(e.data(), expectedEntry)) {
                return true;
            }
        }
        return false;
    }
}
