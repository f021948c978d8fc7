package io.synod.kv.runtime;

import io.synod.crypto.digest.Digest;
import io.synod.kv.consensus.api.EntryType;
import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.pbft.PbftAuthenticator;
import io.synod.kv.consensus.pbft.PbftMessage;
import io.synod.kv.consensus.pbft.PbftMessageType;
import io.synod.kv.consensus.pbft.PbftQuorum;
import io.synod.kv.consensus.pbft.PbftReplyEntry;
import io.synod.kv.transport.codec.PbftWireCodec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * PBFT's REPLY messages: one per Ready, its entries holding, at each applied index, a
 * {@link PbftReplyEntry} (the command's and the result's SHA-256); signed by this replica
 * over the canonical bytes like every PBFT message, and not over the recipient, so the copy sent
 * to each peer and the one a client gets carry the same signature.
 */
final class PbftSignedReplies implements SignedReplies<PbftMessage> {

    private final long self;
    private final PbftQuorum quorum;
    private final PbftAuthenticator auth;
    private final ReportedResults reported;

    PbftSignedReplies(long self, PbftQuorum quorum, PbftAuthenticator auth, ReportedResults reported) {
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
    public Optional<PbftMessage> reply(long view, List<Applied> applied) {
        List<LogEntry> entries = new ArrayList<>(applied.size());
        for (Applied a : applied) {
            reported.report(a.result()).ifPresent(result -> entries.add(new LogEntry(a.index(), view,
                    EntryType.NORMAL, new PbftReplyEntry(a.command(), Digest.sha256(result)).toBytes())));
        }
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(auth.sign(PbftMessage.of(PbftMessageType.REPLY, self, 0, view).withEntries(entries)));
    }

    @Override
    public List<PbftMessage> toPeers(PbftMessage reply) {
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
    public List<Report> reports(PbftMessage reply) {
        List<Report> reports = new ArrayList<>(reply.entries().size());
        for (LogEntry e : reply.entries()) {
            Optional<PbftReplyEntry> entry = PbftReplyEntry.parse(e.data());
            if (entry.isEmpty()) {
                return List.of();
            }
            reports.add(new Report(e.index(), entry.get().command(), entry.get().result()));
        }
        return reports;
    }

    @Override
    public long sender(PbftMessage reply) {
        return reply.from();
    }

    @Override
    public boolean verify(PbftMessage reply) {
        return quorum.contains(reply.from()) && reply.from() != self && auth.verify(reply);
    }

    @Override
    public byte[] encode(PbftMessage reply) {
        return PbftWireCodec.encode(reply.to(0));
    }
}
