package io.synod.kv.transport.codec;

import com.google.protobuf.InvalidProtocolBufferException;
import io.synod.kv.consensus.raft.RaftMessage;
import io.synod.proto.peer.PeerEnvelope;

import java.util.Objects;

/**
 * Encodes Raft messages into {@link PeerEnvelope} bytes and decodes them back, rejecting with a
 * {@link MalformedEnvelopeException} anything an engine must not see. Decoding never throws
 * anything else, whatever the bytes.
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

    public byte[] encode(String clusterId, long groupId, RaftMessage m) {
        Objects.requireNonNull(clusterId, "clusterId");
        return PeerEnvelope.newBuilder()
                .setClusterId(clusterId)
                .setGroupId(groupId)
                .setFrom(m.from())
                .setTo(m.to())
                .setRaft(RaftWireEncoder.encode(m))
                .build()
                .toByteArray();
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
        if (envelope.getBodyCase() != PeerEnvelope.BodyCase.RAFT) {
            throw new MalformedEnvelopeException("envelope has no raft body");
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
        RaftMessage message = RaftWireDecoder.decode(envelope.getRaft(), envelope.getFrom(), envelope.getTo());
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
