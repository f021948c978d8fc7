package io.synod.kv.consensus.raft;

import io.synod.kv.consensus.api.EngineMessage;
import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.api.SnapshotMeta;

import java.util.List;
import java.util.Objects;

/**
 * A Raft protocol message. Field meanings depend on {@link #type()}, as in the wire schema
 * ({@code RaftMessage} in peer.proto): {@code logTerm}/{@code index} name the entry preceding
 * {@code entries} for APPEND and the candidate's last entry for votes.
 */
public record RaftMessage(
        Type type,
        long from,
        long to,
        long term,
        long logTerm,
        long index,
        long commit,
        List<LogEntry> entries,
        boolean reject,
        long rejectHint,
        long rejectHintTerm,
        long context,
        SnapshotMeta snapshot,
        long snapshotOffset,
        byte[] snapshotData,
        boolean snapshotDone,
        boolean transfer) implements EngineMessage {

    public enum Type {
        PRE_VOTE, PRE_VOTE_RESPONSE, VOTE, VOTE_RESPONSE, APPEND, APPEND_RESPONSE, HEARTBEAT,
        HEARTBEAT_RESPONSE, INSTALL_SNAPSHOT, INSTALL_SNAPSHOT_RESPONSE, TIMEOUT_NOW, READ_INDEX,
        READ_INDEX_RESPONSE
    }

    private static final byte[] NO_DATA = new byte[0];

    public RaftMessage {
        Objects.requireNonNull(type, "type");
        entries = entries == null ? List.of() : List.copyOf(entries);
        snapshotData = snapshotData == null ? NO_DATA : snapshotData;
    }

    /** A message with only the common header set; use the {@code with*} methods for the rest. */
    public static RaftMessage of(Type type, long from, long to, long term) {
        return new RaftMessage(type, from, to, term, 0, 0, 0, List.of(), false, 0, 0, 0, null, 0, null, false, false);
    }

    public RaftMessage withLog(long logTerm, long index) {
        return new RaftMessage(type, from, to, term, logTerm, index, commit, entries, reject, rejectHint,
                rejectHintTerm, context, snapshot, snapshotOffset, snapshotData, snapshotDone, transfer);
    }

    public RaftMessage withCommit(long commitIndex) {
        return new RaftMessage(type, from, to, term, logTerm, index, commitIndex, entries, reject, rejectHint,
                rejectHintTerm, context, snapshot, snapshotOffset, snapshotData, snapshotDone, transfer);
    }

    public RaftMessage withEntries(List<LogEntry> newEntries) {
        return new RaftMessage(type, from, to, term, logTerm, index, commit, newEntries, reject, rejectHint,
                rejectHintTerm, context, snapshot, snapshotOffset, snapshotData, snapshotDone, transfer);
    }

    public RaftMessage withReject(boolean rejected, long hint, long hintTerm) {
        return new RaftMessage(type, from, to, term, logTerm, index, commit, entries, rejected, hint,
                hintTerm, context, snapshot, snapshotOffset, snapshotData, snapshotDone, transfer);
    }

    public RaftMessage withContext(long ctx) {
        return new RaftMessage(type, from, to, term, logTerm, index, commit, entries, reject, rejectHint,
                rejectHintTerm, ctx, snapshot, snapshotOffset, snapshotData, snapshotDone, transfer);
    }

    public RaftMessage withSnapshot(SnapshotMeta meta, long offset, byte[] data, boolean done) {
        return new RaftMessage(type, from, to, term, logTerm, index, commit, entries, reject, rejectHint,
                rejectHintTerm, context, meta, offset, data, done, transfer);
    }

    public RaftMessage withTransfer(boolean isTransfer) {
        return new RaftMessage(type, from, to, term, logTerm, index, commit, entries, reject, rejectHint,
                rejectHintTerm, context, snapshot, snapshotOffset, snapshotData, snapshotDone, isTransfer);
    }

    @Override
    public int sizeBytes() {
        int size = 64 + snapshotData.length;
        for (LogEntry e : entries) {
            size += e.sizeBytes();
        }
        return size;
    }

    @Override
    public String toString() {
        return type + "{" + from + "->" + to + " t" + term + " lt" + logTerm + " i" + index + " c" + commit
                + (entries.isEmpty() ? "" : " n" + entries.size()) + (reject ? " REJECT hint=" + rejectHint : "")
                + (context != 0 ? " ctx" + context : "") + (snapshot != null ? " snap@" + snapshot.index() + "+" + snapshotOffset : "")
                + (transfer ? " transfer" : "") + "}";
    }
}
