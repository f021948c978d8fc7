package io.synod.kv.consensus.paxos;

import io.synod.kv.consensus.api.EngineMessage;
import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.api.SnapshotMeta;

import java.util.List;
import java.util.Objects;

/**
 * A Multi-Paxos protocol message. {@code term} is the sender's ballot (for REJECT: the ballot the
 * sender promised). Field meanings depend on {@link #type()}, as in the wire schema
 * ({@code PaxosMessage} in peer.proto):
 * <ul>
 *   <li>PREPARE: {@code slot} is the candidate's commit index; acceptors report what they accepted above it.</li>
 *   <li>PROMISE: {@code entries} are the acceptor's accepted values above that slot (each entry's term
 *       is the ballot it was accepted in), {@code commit} the acceptor's commit index.</li>
 *   <li>REJECT: {@code context} is the refused ballot, {@code commit} the acceptor's commit index.</li>
 *   <li>ACCEPT: {@code entries} are proposals for consecutive slots, {@code commit} the leader's commit index.</li>
 *   <li>ACCEPTED: slots {@code slot..lastSlot} were accepted and are durable; {@code commit} as above.</li>
 *   <li>HEARTBEAT / HEARTBEAT_ACK: {@code context} is the leader's heartbeat round; {@code commit} as above.</li>
 *   <li>COMMIT: the leader's commit index moved to {@code commit}.</li>
 *   <li>SNAPSHOT: one chunk of the leader's snapshot at {@code snapshotOffset}.</li>
 *   <li>SNAPSHOT_ACK: {@code snapshotOffset} is the offset wanted next; {@code reject} if the chunk was refused.</li>
 *   <li>READ_INDEX: a follower asks the leader for a read index; {@code context} is its read id.</li>
 *   <li>READ_INDEX_RESPONSE: the confirmed read index is {@code slot}; {@code context} as asked.</li>
 * </ul>
 */
public record PaxosMessage(
        Type type,
        long from,
        long to,
        long term,
        long commit,
        long slot,
        long lastSlot,
        List<LogEntry> entries,
        boolean reject,
        long context,
        SnapshotMeta snapshot,
        long snapshotOffset,
        byte[] snapshotData,
        boolean snapshotDone) implements EngineMessage {

    public enum Type {
        PREPARE, PROMISE, REJECT, ACCEPT, ACCEPTED, HEARTBEAT, HEARTBEAT_ACK, COMMIT, SNAPSHOT, SNAPSHOT_ACK,
        READ_INDEX, READ_INDEX_RESPONSE
    }

    private static final byte[] NO_DATA = new byte[0];

    public PaxosMessage {
        Objects.requireNonNull(type, "type");
        entries = entries == null ? List.of() : List.copyOf(entries);
        snapshotData = snapshotData == null ? NO_DATA : snapshotData;
    }

    /** A message with only the common header set; use the {@code with*} methods for the rest. */
    public static PaxosMessage of(Type type, long from, long to, long ballot) {
        return new PaxosMessage(type, from, to, ballot, 0, 0, 0, List.of(), false, 0, null, 0, null, false);
    }

    public PaxosMessage withCommit(long commitIndex) {
        return new PaxosMessage(type, from, to, term, commitIndex, slot, lastSlot, entries, reject, context,
                snapshot, snapshotOffset, snapshotData, snapshotDone);
    }

    public PaxosMessage withSlots(long first, long last) {
        return new PaxosMessage(type, from, to, term, commit, first, last, entries, reject, context,
                snapshot, snapshotOffset, snapshotData, snapshotDone);
    }

    public PaxosMessage withEntries(List<LogEntry> list) {
        return new PaxosMessage(type, from, to, term, commit, slot, lastSlot, list, reject, context,
                snapshot, snapshotOffset, snapshotData, snapshotDone);
    }

    public PaxosMessage withReject(boolean rejected) {
        return new PaxosMessage(type, from, to, term, commit, slot, lastSlot, entries, rejected, context,
                snapshot, snapshotOffset, snapshotData, snapshotDone);
    }

    public PaxosMessage withContext(long value) {
        return new PaxosMessage(type, from, to, term, commit, slot, lastSlot, entries, reject, value,
                snapshot, snapshotOffset, snapshotData, snapshotDone);
    }

    public PaxosMessage withSnapshot(SnapshotMeta meta, long offset, byte[] data, boolean done) {
        return new PaxosMessage(type, from, to, term, commit, slot, lastSlot, entries, reject, context,
                meta, offset, data, done);
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
        return type + "[" + from + "->" + to + " b" + Ballot.format(term) + " commit " + commit
                + (slot != 0 || lastSlot != 0 ? " slots " + slot + ".." + lastSlot : "")
                + (entries.isEmpty() ? "" : " " + entries.size() + " entries")
                + (reject ? " reject" : "") + (context != 0 ? " ctx " + context : "")
                + (snapshot != null ? " snap " + snapshot.index() + "@" + snapshotOffset : "") + "]";
    }
}
