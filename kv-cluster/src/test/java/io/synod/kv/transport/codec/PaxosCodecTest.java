package io.synod.kv.transport.codec;

import io.synod.kv.consensus.paxos.PaxosMessage;
import io.synod.kv.storage.EntryChecksum;
import io.synod.kv.consensus.api.EntryType;
import io.synod.proto.peer.PeerEnvelope;
import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Multi-Paxos messages in the peer envelope (body field 11). */
class PaxosCodecTest {

    private final PeerCodec codec = new PeerCodec();

    @Test
    void everyMessageTypeRoundTrips() throws Exception {
        Set<PaxosMessage.Type> seen = EnumSet.noneOf(PaxosMessage.Type.class);
        for (PaxosMessage m : PaxosMessageSamples.all()) {
            byte[] bytes = codec.encode("prod", 5, m);
            assertThat(PeerEnvelope.parseFrom(bytes).getBodyCase()).isEqualTo(PeerEnvelope.BodyCase.PAXOS);
            DecodedEnvelope decoded = codec.decode(bytes);
            assertThat(decoded.groupId()).isEqualTo(5);
            assertThat(decoded.message()).usingRecursiveComparison().isEqualTo(m);
            seen.add(m.type());
        }
        assertThat(seen).containsExactlyInAnyOrder(PaxosMessage.Type.values());
    }

    @Test
    void unknownTypesAndNegativeNumbersAreRejected() {
        assertRejected(paxos(p -> p.setType(io.synod.proto.peer.PaxosMessage.Type.UNKNOWN)), "unknown paxos message type 0");
        assertRejected(paxos(p -> p.setTypeValue(77)), "unknown paxos message type 77");
        assertRejected(paxos(p -> p.setBallot(-1)), "ballot 18446744073709551615 overflows");
        assertRejected(paxos(p -> p.setCommit(-2)), "commit");
        assertRejected(paxos(p -> p.setSlot(-3)), "slot");
        assertRejected(paxos(p -> p.setContext(-4)), "context");
    }

    @Test
    void entriesTravelOnlyOnAcceptAndPromise() {
        assertRejected(paxos(p -> p.setType(io.synod.proto.peer.PaxosMessage.Type.COMMIT)),
                "COMMIT message carries 3 entries");
    }

    @Test
    void acceptedSlotsMustBeConsecutiveAndOfTheMessagesBallot() {
        assertRejected(paxos(p -> p.setEntries(1, resealed(p.getEntries(1).toBuilder().setIndex(14)))),
                "entries[1] has slot 14 after slot 11 (slots must be consecutive)");
        assertRejected(paxos(p -> p.setEntries(0, resealed(p.getEntries(0).toBuilder().setTerm(p.getBallot() + 1)))),
                "above the message's ballot");
        assertRejected(paxos(p -> p.setEntries(0, resealed(p.getEntries(0).toBuilder().setIndex(0)))),
                "entries[0] has slot 0");
    }

    @Test
    void promisedValuesMayLeaveGapsButMustAscend() throws Exception {
        byte[] promise = codec.encode("c", 1, PaxosMessageSamples.promise());
        assertThat(codec.decode(promise).message()).usingRecursiveComparison().isEqualTo(PaxosMessageSamples.promise());
        assertRejected(promise, e -> e.setPaxos(e.getPaxos().toBuilder().setEntries(1,
                resealed(e.getPaxos().getEntries(1).toBuilder().setIndex(9)))), "slots must be ascending");
    }

    @Test
    void corruptedEntriesAndMissingSnapshotMetaAreRejected() {
        assertRejected(paxos(p -> p.setEntries(0, p.getEntries(0).toBuilder().setData(ByteString.copyFromUtf8("put z")))),
                "entries[0] (slot 11) checksum mismatch");
        byte[] chunk = codec.encode("c", 1, PaxosMessageSamples.snapshotChunk());
        assertRejected(chunk, e -> e.setPaxos(e.getPaxos().toBuilder().clearSnapshot()), "SNAPSHOT message has no snapshot meta");
    }

    private static UnaryOperator<PeerEnvelope.Builder> paxos(UnaryOperator<io.synod.proto.peer.PaxosMessage.Builder> change) {
        return e -> e.setPaxos(change.apply(e.getPaxos().toBuilder()));
    }

    private static io.synod.proto.peer.LogEntry resealed(io.synod.proto.peer.LogEntry.Builder e) {
        EntryType type = EntryType.values()[e.getTypeValue()];
        return e.setChecksum(EntryChecksum.of(e.getIndex(), e.getTerm(), type, e.getData().toByteArray())).build();
    }

    private void assertRejected(UnaryOperator<PeerEnvelope.Builder> change, String reason) {
        assertRejected(codec.encode("c", 1, PaxosMessageSamples.accept()), change, reason);
    }

    private void assertRejected(byte[] valid, UnaryOperator<PeerEnvelope.Builder> change, String reason) {
        PeerEnvelope.Builder envelope;
        try {
            envelope = PeerEnvelope.parseFrom(valid).toBuilder();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
        byte[] bytes = change.apply(envelope).build().toByteArray();
        assertThatThrownBy(() -> codec.decode(bytes))
                .isInstanceOf(MalformedEnvelopeException.class)
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
