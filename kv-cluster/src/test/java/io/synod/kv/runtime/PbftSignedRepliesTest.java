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
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

class PbftSignedRepliesTest {

    private static final KeyedHashSignatures SIGNATURES = new KeyedHashSignatures(7);
    private static final PbftQuorum FOUR = new PbftQuorum(List.of(1L, 2L, 3L, 4L));
    private static final Digest COMMAND = Digest.sha256("command".getBytes(StandardCharsets.UTF_8));
    private static final byte[] RESULT = "result".getBytes(StandardCharsets.UTF_8);

    private static PbftSignedReplies replica(long id) {
        return new PbftSignedReplies(id, FOUR, SIGNATURES.authenticator(id), UnaryOperator.identity());
    }

    @Test
    void aReplyReachesEveryOtherReplicaAndReportsTheResults() {
        List<PbftMessage> sent = replica(2).replies(5, List.of(new SignedReplies.Result(9, COMMAND, RESULT)));
        assertThat(sent).extracting(PbftMessage::to).containsExactly(1L, 3L, 4L);
        PbftSignedReplies receiver = replica(1);
        PbftMessage reply = sent.get(0);
        assertThat(receiver.isReply(reply)).isTrue();
        assertThat(receiver.verify(reply)).isTrue();
        assertThat(receiver.sender(reply)).isEqualTo(2);
        SignedReplies.Result r = receiver.results(reply).get(0);
        assertThat(r.index()).isEqualTo(9);
        assertThat(r.command()).isEqualTo(COMMAND);
        assertThat(r.result()).isEqualTo(RESULT);
        assertThat(receiver.matching()).isEqualTo(2);
    }

    @Test
    void aReplyWhoseResultWasChangedOnTheWayDoesNotVerify() {
        PbftMessage reply = replica(2).replies(5, List.of(new SignedReplies.Result(9, COMMAND, RESULT))).get(0);
        byte[] data = reply.entries().get(0).data().clone();
        data[data.length - 1] ^= 1;
        PbftMessage changed = reply.withEntries(List.of(new LogEntry(9, 5,
                EntryType.NORMAL, data)));
        assertThat(replica(1).verify(changed)).isFalse();
    }

    @Test
    void aReplyInAnotherReplicasNameOrFromOutsideTheGroupDoesNotVerify() {
        PbftMessage reply = replica(2).replies(5, List.of(new SignedReplies.Result(9, COMMAND, RESULT))).get(0);
        PbftMessage claimed = new PbftMessage(reply.type(), 3, 1, reply.view(), 0, 0, null, reply.entries(), null,
                null, 0, 0, reply.signature());
        assertThat(replica(1).verify(claimed)).isFalse();
        PbftSignedReplies outsider = new PbftSignedReplies(9, new PbftQuorum(List.of(1L, 2L, 3L, 4L, 9L)),
                SIGNATURES.authenticator(9), UnaryOperator.identity());
        PbftMessage fromOutside = outsider.replies(5, List.of(new SignedReplies.Result(9, COMMAND, RESULT))).get(0);
        assertThat(replica(1).verify(fromOutside)).isFalse();
        // A replica's own reply coming back (replayed to it) is not a second vote.
        assertThat(replica(2).verify(reply)).isFalse();
    }

    @Test
    void aMalformedReplyReportsNothing() {
        PbftMessage reply = replica(2).replies(5, List.of(new SignedReplies.Result(9, COMMAND, RESULT))).get(0);
        PbftMessage truncated = reply.withEntries(List.of(new LogEntry(9, 5,
                EntryType.NORMAL, new byte[3])));
        assertThat(replica(1).results(truncated)).isEmpty();
    }
}
