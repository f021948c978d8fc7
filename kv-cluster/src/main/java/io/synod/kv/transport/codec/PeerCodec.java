package io.synod.kv.transport.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.synod.kv.consensus.api.EngineMessage;
import io.synod.kv.consensus.paxos.PaxosMessage;
import io.synod.kv.consensus.pbft.PbftMessage;
import io.synod.kv.consensus.raft.RaftMessage;
import io.synod.proto.peer.PeerEnvelope;

import java.util.Objects;

/**
 * Encodes engine messages (Raft, Multi-Paxos and PBFT) into {@link PeerEnvelope} bytes and decodes them
 * back by the envelope's body, rejecting with a {@link MalformedEnvelopeException} anything an
 * engine must not see. Decoding never throws anything else, whatever the bytes.
 */
public final class PeerCodec {

    public static final int DEFAULT_MAX_ENVELOPE_BYTES = 64 * 1024 * 1024;

    private final int maxEnvelopeBytes;

    public PeerCodec() {
        this(DEFAULT_MAX_ENVELOPE_BYTES);
    }

    public PeerCodec(int maxEnvelopeBytes) {
        if (maxEnvelopeBytes <= 0) {
            throw new IllegalArgumentException("maxEnvelopeBytes must be positive: " + maxEnvelopeBytes);
        }
        this.maxEnvelopeBytes = maxEnvelopeBytes;
    }

    public int maxEnvelopeBytes() {
        return maxEnvelopeBytes;
    }

    /** @throws IllegalArgumentException for a message of an engine that has no wire format */
    public byte[] encode(String clusterId, long groupId, EngineMessage m) {
        Objects.requireNonNull(clusterId, "clusterId");
        PeerEnvelope.Builder envelope = PeerEnvelope.newBuilder()
                .setClusterId(clusterId)
                .setGroupId(groupId)
                .setFrom(m.from())
                .setTo(m.to());
        if (m instanceof RaftMessage raft) {
            envelope.setRaft(RaftWireEncoder.encode(raft));
        } else if (m instanceof PaxosMessage paxos) {
            envelope.setPaxos(PaxosWireEncoder.encode(paxos));
        } else if (m instanceof PbftMessage pbft) {
            envelope.setPbft(ByteString.copyFrom(PbftWireCodec.encode(pbft)));
        } else {
            throw new IllegalArgumentException("no wire format for " + m.getClass().getName());
        }
        return envelope.build().toByteArray();
    }

    public DecodedEnvelope decode(byte[] bytes) throws MalformedEnvelopeException {
        if (bytes.length > maxEnvelopeBytes) {
            throw new MalformedEnvelopeException("envelope of " + bytes.length + " bytes exceeds the limit of "
                    + maxEnvelopeBytes);
        }
        PeerEnvelope envelope;
        try {
            envelope = PeerEnvelope.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedEnvelopeException("unparsable envelope: " + firstLine(e.getMessage()));
        }
        if (envelope.getClusterId().isEmpty()) {
            throw new MalformedEnvelopeException("envelope has no cluster id");
        }
        RaftWireDecoder.nonNegative("group_id", envelope.getGroupId());
        RaftWireDecoder.nonNegative("from", envelope.getFrom());
        RaftWireDecoder.nonNegative("to", envelope.getTo());
        if (envelope.getFrom() == 0 || envelope.getTo() == 0) {
            throw new MalformedEnvelopeException("envelope has node id 0 as " + (envelope.getFrom() == 0 ? "sender" : "receiver"));
        }
        if (envelope.getFrom() == envelope.getTo()) {
            throw new MalformedEnvelopeException("envelope is from node " + envelope.getFrom() + " to itself");
        }
        EngineMessage message = switch (envelope.getBodyCase()) {
            case RAFT -> RaftWireDecoder.decode(envelope.getRaft(), envelope.getFrom(), envelope.getTo());
            case PAXOS -> PaxosWireDecoder.decode(envelope.getPaxos(), envelope.getFrom(), envelope.getTo());
            case PBFT -> PbftWireCodec.decode(envelope.getPbft().toByteArray(), envelope.getFrom(), envelope.getTo());
            case BODY_NOT_SET -> throw new MalformedEnvelopeException("envelope has no message body");
        };
        return new DecodedEnvelope(envelope.getClusterId(), envelope.getGroupId(), message);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid protobuf";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
