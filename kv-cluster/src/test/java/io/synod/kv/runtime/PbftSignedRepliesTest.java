package io.synod.kv.runtime;

import io.synod.crypto.digest.Digest;
import io.synod.kv.consensus.api.EntryType;
import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.pbft.KeyedHashSignatures;
import io.synod.kv.consensus.pbft.PbftMessage;
import io.synod.kv.consensus.pbft.PbftQuorum;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PbftSignedRepliesTest {

    private static final KeyedHashSignatures SIGNATURES = new KeyedHashSignatures(7);
    private static final PbftQuorum FOUR = new PbftQuorum(List.of(1L, 2L, 3L, 4L));
    private static final Digest COMMAND = Digest.sha256("command".getBytes(StandardCharsets.UTF_8));
    private static final byte[] RESULT = "result".getBytes(StandardCharsets.UTF_8);
    private static final List<SignedReplies.Applied> APPLIED = List.of(new SignedReplies.Applied(9, COMMAND, RESULT));

    private static PbftSignedReplies replica(long id) {
        return new PbftSignedReplies(id, FOUR, SIGNATURES.authenticator(id), ReportedResults.TRUTHFUL);
    }

    private static PbftMessage replyOf(long id) {
        return replica(id).reply(5, APPLIED).orElseThrow();
    }

    @Test
    void aReplyReachesEveryOtherReplicaAndReportsTheResultsDigest() {
        PbftSignedReplies sender = replica(2);
        List<PbftMessage> sent = sender.toPeers(sender.reply(5, APPLIED).orElseThrow());
        assertThat(sent).extracting(PbftMessage::to).containsExactly(1L, 3L, 4L);
        PbftSignedReplies receiver = replica(1);
        PbftMessage reply = sent.get(0);
        assertThat(receiver.isReply(reply)).isTrue();
        assertThat(receiver.verify(reply)).isTrue();
        assertThat(receiver.sender(reply)).isEqualTo(2);
        assertThat(receiver.reports(reply)).containsExactly(
                new SignedReplies.Report(9, COMMAND, Digest.sha256(RESULT)));
        assertThat(receiver.matching()).isEqualTo(2);
    }

    @Test
    void aSilentReplicaSendsNoReplyAndALiarReportsAnotherResult() {
        assertThat(new PbftSignedReplies(4, FOUR, SIGNATURES.authenticator(4), ReportedResults.SILENT)
                .reply(5, APPLIED)).isEmpty();
        PbftSignedReplies liar = new PbftSignedReplies(4, FOUR, SIGNATURES.authenticator(4),
                ReportedResults.lying(result -> "lie".getBytes(StandardCharsets.UTF_8)));
        PbftMessage lie = liar.reply(5, APPLIED).orElseThrow();
        assertThat(replica(1).verify(lie)).isTrue();
        assertThat(replica(1).reports(lie).get(0).result()).isNotEqualTo(Digest.sha256(RESULT));
    }

    @Test
    void aReplyWhoseResultWasChangedOnTheWayDoesNotVerify() {
        PbftMessage reply = replyOf(2);
        byte[] data = reply.entries().get(0).data().clone();
        data[data.length - 1] ^= 1;
        PbftMessage changed = reply.withEntries(List.of(new LogEntry(9, 5, EntryType.NORMAL, data)));
        assertThat(replica(1).verify(changed)).isFalse();
    }

    @Test
    void aReplyInAnotherReplicasNameOrFromOutsideTheGroupDoesNotVerify() {
        PbftMessage reply = replyOf(2);
        PbftMessage claimed = new PbftMessage(reply.type(), 3, 1, reply.view(), 0, 0, null, reply.entries(), null,
                null, 0, 0, reply.signature());
        assertThat(replica(1).verify(claimed)).isFalse();
        PbftSignedReplies outsider = new PbftSignedReplies(9, new PbftQuorum(List.of(1L, 2L, 3L, 4L, 9L)),
                SIGNATURES.authenticator(9), ReportedResults.TRUTHFUL);
        assertThat(replica(1).verify(outsider.reply(5, APPLIED).orElseThrow())).isFalse();
        // A replica's own reply coming back (replayed to it) is not a second vote.
        assertThat(replica(2).verify(reply)).isFalse();
    }

    @Test
    void aMalformedReplyReportsNothing() {
        PbftMessage truncated = replyOf(2).withEntries(List.of(new LogEntry(9, 5, EntryType.NORMAL, new byte[3])));
        assertThat(replica(1).reports(truncated)).isEmpty();
    }
}
