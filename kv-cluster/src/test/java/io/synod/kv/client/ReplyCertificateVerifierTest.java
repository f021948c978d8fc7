package io.synod.kv.client;

import com.google.protobuf.ByteString;
import io.synod.crypto.digest.Digest;
import io.synod.kv.consensus.api.EntryType;
import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.pbft.KeyedHashSignatures;
import io.synod.kv.consensus.pbft.PbftMessage;
import io.synod.kv.consensus.pbft.PbftMessageType;
import io.synod.kv.consensus.pbft.PbftReplyEntry;
import io.synod.kv.statemachine.KvCommands;
import io.synod.kv.transport.codec.PbftWireCodec;
import io.synod.proto.kv.KvCommand;
import io.synod.proto.kv.KvCommandResult;
import io.synod.proto.kv.PutResponse;
import io.synod.proto.kv.ReplyCertificate;
import io.synod.proto.kv.SignedReply;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Seven replicas (f = 2): a result is taken only with three distinct valid signed replies vouching for it. */
class ReplyCertificateVerifierTest {

    private static final KeyedHashSignatures SIGNATURES = new KeyedHashSignatures(5);
    private static final ReplyCertificateVerifier VERIFIER =
            new ReplyCertificateVerifier(SIGNATURES, new TreeSet<>(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L)));
    private static final KvCommand SENT = KvCommands.put(ByteString.copyFromUtf8("k"), ByteString.copyFromUtf8("v"))
            .toBuilder().setClientId(9).setSequence(3).build();
    private static final KvCommandResult RESULT = KvCommandResult.newBuilder()
            .setPut(PutResponse.newBuilder().setHadPrevious(false)).build();

    private static SignedReply reply(long replica, KvCommand command, KvCommandResult result,
                                     PbftMessageType type, UnaryOperator<PbftMessage> change) {
        LogEntry entry = new LogEntry(12, 1, EntryType.NORMAL, new PbftReplyEntry(Digest.sha256(command.toByteArray()),
                Digest.sha256(result.toByteArray())).toBytes());
        PbftMessage signed = SIGNATURES.authenticator(replica).sign(PbftMessage.of(type, replica, 0, 1)
                .withEntries(List.of(entry)));
        return SignedReply.newBuilder().setReplica(replica)
                .setMessage(ByteString.copyFrom(PbftWireCodec.encode(change.apply(signed)))).build();
    }

    private static SignedReply honest(long replica) {
        return reply(replica, SENT, RESULT, PbftMessageType.REPLY, UnaryOperator.identity());
    }

    private static ReplyCertificate certificate(List<SignedReply> replies) {
        return ReplyCertificate.newBuilder().setCommand(SENT.toByteString()).setResult(RESULT.toByteString())
                .addAllReplies(replies).build();
    }

    private static void refused(ReplyCertificate certificate, String reason) {
        assertThatThrownBy(() -> VERIFIER.verify(SENT, certificate)).isInstanceOf(UncertifiedResultException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void threeDistinctValidRepliesProveTheResult() {
        assertThat(VERIFIER.matching()).isEqualTo(3);
        assertThat(VERIFIER.verify(SENT, certificate(List.of(honest(1), honest(4), honest(7))))).isEqualTo(RESULT);
    }

    @Test
    void twoRepliesOrOneReplicaRepeatedProveNothing() {
        refused(certificate(List.of(honest(1), honest(2))), "2 valid signed replies vouch for the result, 3 needed");
        refused(certificate(List.of(honest(1), honest(2), honest(2), honest(2))), "2 valid signed replies");
    }

    @Test
    void forgedMisattributedOrForeignRepliesDoNotCount() {
        SignedReply brokenSignature = reply(3, SENT, RESULT, PbftMessageType.REPLY, m -> {
            byte[] s = m.signature().clone();
            s[0] ^= 1;
            return m.withSignature(s);
        });
        SignedReply claimedByAnother = honest(3).toBuilder().setReplica(4).build();
        SignedReply outsider = reply(8, SENT, RESULT, PbftMessageType.REPLY, UnaryOperator.identity());
        SignedReply notAReply = reply(5, SENT, RESULT, PbftMessageType.COMMIT, UnaryOperator.identity());
        SignedReply garbage = SignedReply.newBuilder().setReplica(6).setMessage(ByteString.copyFromUtf8("junk")).build();
        refused(certificate(List.of(honest(1), honest(2), brokenSignature, claimedByAnother, outsider, notAReply,
                garbage)), "2 valid signed replies vouch for the result, 3 needed (7 in the certificate)");
    }

    @Test
    void repliesVouchingForAnotherResultOrCommandDoNotCount() {
        KvCommandResult other = KvCommandResult.newBuilder().setPut(PutResponse.newBuilder().setHadPrevious(true)).build();
        KvCommand otherCommand = SENT.toBuilder().setSequence(4).build();
        refused(certificate(List.of(honest(1), honest(2),
                reply(3, SENT, other, PbftMessageType.REPLY, UnaryOperator.identity()),
                reply(4, otherCommand, RESULT, PbftMessageType.REPLY, UnaryOperator.identity()))),
                "2 valid signed replies");
    }

    @Test
    void aCertificateWhoseResultOrCommandWasSwappedProvesNothing() {
        ReplyCertificate valid = certificate(List.of(honest(1), honest(2), honest(3)));
        KvCommandResult lie = KvCommandResult.newBuilder().setPut(PutResponse.newBuilder().setHadPrevious(true)).build();
        refused(valid.toBuilder().setResult(lie.toByteString()).build(), "0 valid signed replies");
        refused(valid.toBuilder().setCommand(SENT.toBuilder().setSequence(4).build().toByteString()).build(),
                "for another command");
        refused(valid.toBuilder().setResult(ByteString.copyFromUtf8("\u00ff\u00ff")).build(), "not valid");
        assertThatThrownBy(() -> VERIFIER.verify(SENT.toBuilder().setSequence(8).build(), valid))
                .isInstanceOf(UncertifiedResultException.class).hasMessageContaining("for another command");
        refused(ReplyCertificate.getDefaultInstance(), "for another command");
    }
}
