package io.synod.kv.transport.codec;

import com.google.protobuf.ByteString;
import io.synod.kv.consensus.api.EntryType;
import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.raft.RaftMessage;
import io.synod.kv.storage.EntryChecksum;
import io.synod.proto.peer.PeerEnvelope;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeerCodecTest {

    private final PeerCodec codec = new PeerCodec();

    @Test
    void everyMessageTypeRoundTrips() throws Exception {
        Set<RaftMessage.Type> seen = EnumSet.noneOf(RaftMessage.Type.class);
        for (RaftMessage m : RaftMessageSamples.all()) {
            DecodedEnvelope decoded = codec.decode(codec.encode("prod", 5, m));
            assertThat(decoded.clusterId()).isEqualTo("prod");
            assertThat(decoded.groupId()).isEqualTo(5);
            assertThat(decoded.message()).usingRecursiveComparison().isEqualTo(m);
            seen.add(m.type());
        }
        assertThat(seen).containsExactlyInAnyOrder(RaftMessage.Type.values());
    }

    @Test
    void entriesKeepTypesDataAndConfChanges() throws Exception {
        RaftMessage decoded = (RaftMessage) codec.decode(codec.encode("c", 1, RaftMessageSamples.append())).message();
        assertThat(decoded.entries()).containsExactlyElementsOf(RaftMessageSamples.append().entries());
        assertThat(decoded.entries()).extracting(LogEntry::type)
                .containsExactly(EntryType.NORMAL, EntryType.NOOP, EntryType.CONF_CHANGE, EntryType.NORMAL);
    }

    @Test
    void snapshotChunkKeepsMetaOffsetAndData() throws Exception {
        RaftMessage decoded = (RaftMessage) codec.decode(codec.encode("c", 1, RaftMessageSamples.snapshotChunk())).message();
        assertThat(decoded.snapshot()).isEqualTo(RaftMessageSamples.snapshotChunk().snapshot());
        assertThat(decoded.snapshot().confState().learners()).containsExactly(4L);
        assertThat(decoded.snapshotOffset()).isEqualTo(4096);
        assertThat(decoded.snapshotData()).containsExactly(1, 2, 3, 4);
        assertThat(decoded.snapshotDone()).isTrue();
    }

    @Test
    void entryChecksumCoversEveryField() {
        LogEntry e = LogEntry.normal(5, 2, new byte[] {1, 2});
        int base = EntryChecksum.of(e);
        assertThat(EntryChecksum.of(6, 2, EntryType.NORMAL, new byte[] {1, 2})).isNotEqualTo(base);
        assertThat(EntryChecksum.of(5, 3, EntryType.NORMAL, new byte[] {1, 2})).isNotEqualTo(base);
        assertThat(EntryChecksum.of(5, 2, EntryType.NOOP, new byte[] {1, 2})).isNotEqualTo(base);
        assertThat(EntryChecksum.of(5, 2, EntryType.NORMAL, new byte[] {1, 3})).isNotEqualTo(base);
        assertThat(EntryChecksum.of(5, 2, EntryType.NORMAL, new byte[] {1, 2})).isEqualTo(base);
    }

    @Test
    void unparsableAndOversizeBytesAreRejected() {
        assertRejected(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff}, "unparsable envelope");
        byte[] valid = codec.encode("c", 1, RaftMessageSamples.append());
        assertRejected(Arrays.copyOf(valid, valid.length - 3), "unparsable envelope");
        assertThatThrownBy(() -> new PeerCodec(32).decode(valid))
                .isInstanceOf(MalformedEnvelopeException.class)
                .hasMessage("envelope of " + valid.length + " bytes exceeds the limit of 32");
    }

    @Test
    void envelopeHeaderProblemsAreRejected() {
        assertRejected(e -> e.clearRaft(), "envelope has no message body");
        assertRejected(e -> e.clearClusterId(), "envelope has no cluster id");
        assertRejected(e -> e.setFrom(0), "node id 0 as sender");
        assertRejected(e -> e.setTo(0), "node id 0 as receiver");
        assertRejected(e -> e.setTo(1), "from node 1 to itself");
        assertRejected(e -> e.setGroupId(-1), "group_id 18446744073709551615 overflows");
        assertRejected(e -> e.setFrom(Long.MIN_VALUE), "from 9223372036854775808 overflows");
    }

    @Test
    void unknownMessageTypesAreRejected() {
        assertRejected(e -> e.setRaft(e.getRaft().toBuilder().setType(io.synod.proto.peer.RaftMessage.Type.UNKNOWN)),
                "unknown raft message type 0");
        assertRejected(e -> e.setRaft(e.getRaft().toBuilder().setTypeValue(99)), "unknown raft message type 99");
    }

    @Test
    void negativeNumbersAreRejected() {
        assertRejected(e -> e.setRaft(e.getRaft().toBuilder().setTerm(-1)), "term 18446744073709551615 overflows");
        assertRejected(e -> e.setRaft(e.getRaft().toBuilder().setCommit(-2)), "commit");
        assertRejected(e -> e.setRaft(e.getRaft().toBuilder().setSnapshotOffset(-3)), "snapshot_offset");
        assertRejected(e -> e.setRaft(e.getRaft().toBuilder().setEntries(0,
                e.getRaft().getEntries(0).toBuilder().setTerm(-1))), "entries[0].term");
    }

    @Test
    void entriesMustBeContiguousAndFollowThePreviousEntry() {
        assertRejected(raft(r -> r.setIndex(11)), "entries[0] has index 11, expected 12");
        assertRejected(raft(r -> r.setEntries(2, resealed(r.getEntries(2).toBuilder().setIndex(14)))),
                "entries[2] has index 14, expected 13");
        assertRejected(raft(r -> r.setEntries(1, resealed(r.getEntries(1).toBuilder().setTerm(5)))),
                "entries[1] has term 5, outside [6, 7]");
        assertRejected(raft(r -> r.setTerm(6)), "entries[1] has term 7, outside [6, 6]");
        assertRejected(raft(r -> r.setLogTerm(7)), "entries[0] has term 6, outside [7, 7]");
        assertRejected(raft(r -> r.setIndex(Long.MAX_VALUE)), "entries[0] would overflow the log index");
    }

    @Test
    void corruptedEntriesAreRejected() {
        assertRejected(raft(r -> r.setEntries(0, r.getEntries(0).toBuilder().setData(ByteString.copyFromUtf8("put b")))),
                "entries[0] (index 11) checksum mismatch");
        assertRejected(raft(r -> r.setEntries(0, r.getEntries(0).toBuilder().setTypeValue(9))),
                "entries[0] has unknown entry type 9");
        assertRejected(raft(r -> r.setEntries(2, resealed(r.getEntries(2).toBuilder().setData(ByteString.copyFromUtf8("x"))))),
                "entries[2] is a bad membership change");
    }

    @Test
    void entriesOnlyTravelOnAppend() {
        assertRejected(raft(r -> r.setType(io.synod.proto.peer.RaftMessage.Type.HEARTBEAT)),
                "HEARTBEAT message carries 4 entries");
    }

    @Test
    void snapshotMetaProblemsAreRejected() {
        byte[] chunk = codec.encode("c", 1, RaftMessageSamples.snapshotChunk());
        assertRejected(chunk, e -> e.setRaft(e.getRaft().toBuilder().clearSnapshot()),
                "INSTALL_SNAPSHOT message has no snapshot meta");
        assertRejected(chunk, e -> e.setRaft(e.getRaft().toBuilder().setSnapshot(
                e.getRaft().getSnapshot().toBuilder().setConfState(e.getRaft().getSnapshot().getConfState().toBuilder()
                        .addLearners(2)))), "snapshot membership is inconsistent");
        assertRejected(chunk, e -> e.setRaft(e.getRaft().toBuilder().setSnapshot(
                e.getRaft().getSnapshot().toBuilder().setConfState(e.getRaft().getSnapshot().getConfState().toBuilder()
                        .addVoters(0)))), "snapshot voters contain node id 0");
        assertRejected(chunk, e -> e.setRaft(e.getRaft().toBuilder().setSnapshot(
                e.getRaft().getSnapshot().toBuilder().setConfState(e.getRaft().getSnapshot().getConfState().toBuilder()
                        .addVoters(1)))), "snapshot voters list node 1 twice");
        assertRejected(chunk, e -> e.setRaft(e.getRaft().toBuilder().setSnapshot(
                e.getRaft().getSnapshot().toBuilder().setSizeBytes(-1))), "snapshot.size_bytes");
    }

    private static UnaryOperator<PeerEnvelope.Builder> raft(UnaryOperator<io.synod.proto.peer.RaftMessage.Builder> change) {
        return e -> e.setRaft(change.apply(e.getRaft().toBuilder()));
    }

    /** Recomputes the checksum, so only the intended inconsistency remains. */
    private static io.synod.proto.peer.LogEntry resealed(io.synod.proto.peer.LogEntry.Builder e) {
        EntryType type = EntryType.values()[e.getTypeValue()];
        return e.setChecksum(EntryChecksum.of(e.getIndex(), e.getTerm(), type, e.getData().toByteArray())).build();
    }

    private void assertRejected(UnaryOperator<PeerEnvelope.Builder> change, String reason) {
        assertRejected(codec.encode("c", 1, RaftMessageSamples.append()), change, reason);
    }

    private void assertRejected(byte[] valid, UnaryOperator<PeerEnvelope.Builder> change, String reason) {
        PeerEnvelope.Builder envelope;
        try {
            envelope = PeerEnvelope.parseFrom(valid).toBuilder();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
        assertRejected(change.apply(envelope).build().toByteArray(), reason);
    }

    private void assertRejected(byte[] bytes, String reason) {
        assertThatThrownBy(() -> codec.decode(bytes))
                .isInstanceOf(MalformedEnvelopeException.class)
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
