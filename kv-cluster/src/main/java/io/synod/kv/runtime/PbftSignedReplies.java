package io.synod.kv.runtime;

import io.synod.crypto.digest.Digest;
import io.synod.kv.consensus.api.EntryType;
import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.pbft.PbftAuthenticator;
import io.synod.kv.consensus.pbft.PbftMessage;
import io.synod.kv.consensus.pbft.PbftMessageType;
import io.synod.kv.consensus.pbft.PbftQuorum;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * PBFT's REPLY messages: one per other replica and Ready, its entries holding, at each applied
 * index, the command's SHA-256 followed by the result bytes; signed by this replica over the
 * canonical bytes like every PBFT message.
 */
final class PbftSignedReplies implements SignedReplies<PbftMessage> {

    private final long self;
    private final PbftQuorum quorum;
    private final PbftAuthenticator auth;
    private final UnaryOperator<byte[]> reported;

    /**
     * @param reported what this replica reports for a result: the result itself on a correct
     *                 replica; test-only fault injection reports something else
     */
    PbftSignedReplies(long self, PbftQuorum quorum, PbftAuthenticator auth, UnaryOperator<byte[]> reported) {
        this.self = self;
        this.quorum = quorum;
        this.auth = auth;
        this.reported = reported;
    }

    @Override
    public int matching() {
        return quorum.weak();
    }

    @Override
    public List<PbftMessage> replies(long view, List<Result> results) {
        List<LogEntry> entries = new ArrayList<>(results.size());
        for (Result r : results) {
            byte[] result = reported.apply(r.result());
            byte[] data = Arrays.copyOf(r.command().bytes(), Digest.SIZE + result.length);
            System.arraycopy(result, 0, data, Digest.SIZE, result.length);
            entries.add(new LogEntry(r.index(), view, EntryType.NORMAL, data));
        }
        PbftMessage reply = auth.sign(PbftMessage.of(PbftMessageType.REPLY, self, 0, view).withEntries(entries));
        List<PbftMessage> out = new ArrayList<>(quorum.n() - 1);
        for (long peer : quorum.replicas()) {
            if (peer != self) {
                out.add(reply.to(peer));
            }
        }
        return out;
    }

    @Override
    public boolean isReply(PbftMessage message) {
        return message.type() == PbftMessageType.REPLY;
    }

    @Override
    public List<Result> results(PbftMessage reply) {
        List<Result> results = new ArrayList<>(reply.entries().size());
        for (LogEntry e : reply.entries()) {
            byte[] data = e.data();
            if (data.length < Digest.SIZE) {
                return List.of();
            }
            results.add(new Result(e.index(), Digest.of(Arrays.copyOf(data, Digest.SIZE)),
                    Arrays.copyOfRange(data, Digest.SIZE, data.length)));
        }
        return results;
    }

    @Override
    public long sender(PbftMessage reply) {
        return reply.from();
    }

    @Override
    public boolean verify(PbftMessage reply) {
        return quorum.contains(reply.from()) && reply.from() != self && auth.verify(reply);
    }
}
