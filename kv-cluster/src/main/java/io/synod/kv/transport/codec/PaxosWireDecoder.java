package io.synod.kv.transport.codec;

import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.api.SnapshotMeta;
import io.synod.kv.consensus.paxos.PaxosMessage;

import java.util.ArrayList;
import java.util.List;

import static io.synod.kv.transport.codec.RaftWireDecoder.nonNegative;

/**
 * Converts a peer.proto Multi-Paxos message into the engine's record, checking what the wire can
 * tell: a known type, no negative (overflowed unsigned) numbers, entries only on ACCEPT and
 * PROMISE, in ascending slot order (consecutive for ACCEPT), each with a matching checksum and
 * accepted in a ballot no higher than the message's, and a sane snapshot meta. Protocol-level
 * checks (is the ballot the sender's own, does a chunk fit its snapshot) stay with the engine.
 */
final class PaxosWireDecoder {

    private PaxosWireDecoder() {
    }

    static PaxosMessage decode(io.synod.proto.peer.PaxosMessage w, long from, long to) throws MalformedEnvelopeException {
        PaxosMessage.Type type = type(w);
        nonNegative("ballot", w.getBallot());
        nonNegative("commit", w.getCommit());
        nonNegative("slot", w.getSlot());
        nonNegative("last_slot", w.getLastSlot());
        nonNegative("context", w.getContext());
        nonNegative("snapshot_offset", w.getSnapshotOffset());
        boolean carriesEntries = type == PaxosMessage.Type.ACCEPT || type == PaxosMessage.Type.PROMISE;
        if (w.getEntriesCount() > 0 && !carriesEntries) {
            throw new MalformedEnvelopeException(type + " message carries " + w.getEntriesCount() + " entries");
        }
        List<LogEntry> entries = entries(w, type == PaxosMessage.Type.ACCEPT);
        SnapshotMeta snapshot = w.hasSnapshot() ? RaftWireDecoder.snapshotMeta(w.getSnapshot()) : null;
        if ((type == PaxosMessage.Type.SNAPSHOT || type == PaxosMessage.Type.SNAPSHOT_ACK) && snapshot == null) {
            throw new MalformedEnvelopeException(type + " message has no snapshot meta");
        }
        return new PaxosMessage(type, from, to, w.getBallot(), w.getCommit(), w.getSlot(), w.getLastSlot(), entries,
                w.getReject(), w.getContext(), snapshot, w.getSnapshotOffset(), w.getSnapshotData().toByteArray(),
                w.getSnapshotDone());
    }

    private static PaxosMessage.Type type(io.synod.proto.peer.PaxosMessage w) throws MalformedEnvelopeException {
        io.synod.proto.peer.PaxosMessage.Type wire = w.getType();
        if (wire == io.synod.proto.peer.PaxosMessage.Type.UNKNOWN
                || wire == io.synod.proto.peer.PaxosMessage.Type.UNRECOGNIZED) {
            throw new MalformedEnvelopeException("unknown paxos message type " + w.getTypeValue());
        }
        return PaxosMessage.Type.valueOf(wire.name());
    }

    private static List<LogEntry> entries(io.synod.proto.peer.PaxosMessage w, boolean consecutive)
            throws MalformedEnvelopeException {
        List<LogEntry> entries = new ArrayList<>(w.getEntriesCount());
        long previous = 0;
        for (int i = 0; i < w.getEntriesCount(); i++) {
            io.synod.proto.peer.LogEntry e = w.getEntries(i);
            nonNegative("entries[" + i + "].index", e.getIndex());
            nonNegative("entries[" + i + "].term", e.getTerm());
            if (e.getIndex() == 0 || i > 0 && (consecutive ? e.getIndex() != previous + 1 : e.getIndex() <= previous)) {
                throw new MalformedEnvelopeException("entries[" + i + "] has slot " + e.getIndex() + " after slot "
                        + previous + " (slots must be " + (consecutive ? "consecutive" : "ascending") + ")");
            }
            if (e.getTerm() > w.getBallot()) {
                throw new MalformedEnvelopeException("entries[" + i + "] was accepted in ballot " + e.getTerm()
                        + ", above the message's ballot " + w.getBallot());
            }
            previous = e.getIndex();
            entries.add(RaftWireDecoder.entry(i, "slot", e));
        }
        return entries;
    }
}
