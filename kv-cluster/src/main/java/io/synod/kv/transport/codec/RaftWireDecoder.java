package io.synod.kv.transport.codec;

import io.synod.kv.consensus.api.ConfChange;
import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.consensus.api.EntryType;
import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.api.SnapshotMeta;
import io.synod.kv.consensus.raft.RaftMessage;
import io.synod.kv.storage.EntryChecksum;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Converts a peer.proto Raft message into the engine's record, checking everything an engine
 * relies on: a known type, no negative (overflowed unsigned) numbers, entries only on APPEND,
 * contiguous and following the previous entry, terms non-decreasing and not after the
 * message's term, matching checksums, decodable membership changes and a sane snapshot meta.
 */
final class RaftWireDecoder {

    private RaftWireDecoder() {
    }

    static RaftMessage decode(io.synod.proto.peer.RaftMessage w, long from, long to) throws MalformedEnvelopeException {
        RaftMessage.Type type = type(w);
        nonNegative("term", w.getTerm());
        nonNegative("log_term", w.getLogTerm());
        nonNegative("index", w.getIndex());
        nonNegative("commit", w.getCommit());
        nonNegative("reject_hint", w.getRejectHint());
        nonNegative("reject_hint_term", w.getRejectHintTerm());
        nonNegative("snapshot_offset", w.getSnapshotOffset());
        if (w.getEntriesCount() > 0 && type != RaftMessage.Type.APPEND) {
            throw new MalformedEnvelopeException(type + " message carries " + w.getEntriesCount() + " entries");
        }
        List<LogEntry> entries = entries(w);
        SnapshotMeta snapshot = w.hasSnapshot() ? snapshotMeta(w.getSnapshot()) : null;
        if (type == RaftMessage.Type.INSTALL_SNAPSHOT && snapshot == null) {
            throw new MalformedEnvelopeException("INSTALL_SNAPSHOT message has no snapshot meta");
        }
        return new RaftMessage(type, from, to, w.getTerm(), w.getLogTerm(), w.getIndex(), w.getCommit(), entries,
                w.getReject(), w.getRejectHint(), w.getRejectHintTerm(), w.getContext(), snapshot,
                w.getSnapshotOffset(), w.getSnapshotData().toByteArray(), w.getSnapshotDone(), w.getTransfer());
    }

    private static RaftMessage.Type type(io.synod.proto.peer.RaftMessage w) throws MalformedEnvelopeException {
        io.synod.proto.peer.RaftMessage.Type wire = w.getType();
        if (wire == io.synod.proto.peer.RaftMessage.Type.UNKNOWN
                || wire == io.synod.proto.peer.RaftMessage.Type.UNRECOGNIZED) {
            throw new MalformedEnvelopeException("unknown raft message type " + w.getTypeValue());
        }
        return RaftMessage.Type.valueOf(wire.name());
    }

    private static List<LogEntry> entries(io.synod.proto.peer.RaftMessage w) throws MalformedEnvelopeException {
        List<LogEntry> entries = new ArrayList<>(w.getEntriesCount());
        long expectedIndex = w.getIndex();
        long lastTerm = w.getLogTerm();
        for (int i = 0; i < w.getEntriesCount(); i++) {
            io.synod.proto.peer.LogEntry e = w.getEntries(i);
            nonNegative("entries[" + i + "].index", e.getIndex());
            nonNegative("entries[" + i + "].term", e.getTerm());
            if (expectedIndex == Long.MAX_VALUE) {
                throw new MalformedEnvelopeException("entries[" + i + "] would overflow the log index");
            }
            expectedIndex++;
            if (e.getIndex() != expectedIndex) {
                throw new MalformedEnvelopeException("entries[" + i + "] has index " + e.getIndex()
                        + ", expected " + expectedIndex + " (entries must follow index " + w.getIndex() + " contiguously)");
            }
            if (e.getTerm() < lastTerm || e.getTerm() > w.getTerm()) {
                throw new MalformedEnvelopeException("entries[" + i + "] has term " + e.getTerm()
                        + ", outside [" + lastTerm + ", " + w.getTerm() + "]");
            }
            lastTerm = e.getTerm();
            entries.add(entry(i, "index", e));
        }
        return entries;
    }

    /**
     * The checks every wire entry needs wherever it sits: a known type, a matching checksum and a
     * decodable membership change. {@code position} names what the index is ("index", "slot").
     */
    static LogEntry entry(int i, String position, io.synod.proto.peer.LogEntry e) throws MalformedEnvelopeException {
        EntryType type = entryType(i, e);
        byte[] data = e.getData().toByteArray();
        int checksum = EntryChecksum.of(e.getIndex(), e.getTerm(), type, data);
        if (checksum != e.getChecksum()) {
            throw new MalformedEnvelopeException("entries[" + i + "] (" + position + " " + e.getIndex()
                    + ") checksum mismatch: computed " + Integer.toHexString(checksum) + ", carried "
                    + Integer.toHexString(e.getChecksum()));
        }
        if (type == EntryType.CONF_CHANGE) {
            confChange(i, data);
        }
        return new LogEntry(e.getIndex(), e.getTerm(), type, data);
    }

    private static EntryType entryType(int i, io.synod.proto.peer.LogEntry e) throws MalformedEnvelopeException {
        return switch (e.getType()) {
            case ENTRY_NORMAL -> EntryType.NORMAL;
            case ENTRY_CONF_CHANGE -> EntryType.CONF_CHANGE;
            case ENTRY_NOOP -> EntryType.NOOP;
            case UNRECOGNIZED -> throw new MalformedEnvelopeException(
                    "entries[" + i + "] has unknown entry type " + e.getTypeValue());
        };
    }

    private static void confChange(int i, byte[] data) throws MalformedEnvelopeException {
        try {
            ConfChange.decode(data);
        } catch (IllegalArgumentException ex) {
            throw new MalformedEnvelopeException("entries[" + i + "] is a bad membership change: " + ex.getMessage());
        }
    }

    static SnapshotMeta snapshotMeta(io.synod.proto.peer.SnapshotMeta w) throws MalformedEnvelopeException {
        nonNegative("snapshot.index", w.getIndex());
        nonNegative("snapshot.term", w.getTerm());
        nonNegative("snapshot.size_bytes", w.getSizeBytes());
        TreeSet<Long> voters = memberIds("voters", w.getConfState().getVotersList());
        TreeSet<Long> learners = memberIds("learners", w.getConfState().getLearnersList());
        try {
            return new SnapshotMeta(w.getIndex(), w.getTerm(), new ConfState(voters, learners), w.getSizeBytes(),
                    w.getChecksum());
        } catch (IllegalArgumentException ex) {
            throw new MalformedEnvelopeException("snapshot membership is inconsistent: " + ex.getMessage());
        }
    }

    private static TreeSet<Long> memberIds(String what, List<Long> ids) throws MalformedEnvelopeException {
        TreeSet<Long> set = new TreeSet<>();
        for (long id : ids) {
            if (id <= 0) {
                throw new MalformedEnvelopeException("snapshot " + what + " contain node id " + Long.toUnsignedString(id));
            }
            if (!set.add(id)) {
                throw new MalformedEnvelopeException("snapshot " + what + " list node " + id + " twice");
            }
        }
        return set;
    }

    static void nonNegative(String field, long value) throws MalformedEnvelopeException {
        if (value < 0) {
            throw new MalformedEnvelopeException(field + " " + Long.toUnsignedString(value) + " overflows a signed 64-bit value");
        }
    }
}
