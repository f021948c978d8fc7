package io.synod.kv.transport.codec;

import com.google.protobuf.ByteString;
import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.consensus.api.EntryType;
import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.api.SnapshotMeta;
import io.synod.kv.consensus.raft.RaftMessage;
import io.synod.kv.storage.EntryChecksum;

/** Converts engine-side Raft records into their peer.proto form. */
final class RaftWireEncoder {

    private RaftWireEncoder() {
    }

    static io.synod.proto.peer.RaftMessage encode(RaftMessage m) {
        io.synod.proto.peer.RaftMessage.Builder b = io.synod.proto.peer.RaftMessage.newBuilder()
                .setType(io.synod.proto.peer.RaftMessage.Type.valueOf(m.type().name()))
                .setTerm(m.term())
                .setLogTerm(m.logTerm())
                .setIndex(m.index())
                .setCommit(m.commit())
                .setReject(m.reject())
                .setRejectHint(m.rejectHint())
                .setRejectHintTerm(m.rejectHintTerm())
                .setContext(m.context())
                .setSnapshotOffset(m.snapshotOffset())
                .setSnapshotData(ByteString.copyFrom(m.snapshotData()))
                .setSnapshotDone(m.snapshotDone())
                .setTransfer(m.transfer());
        for (LogEntry e : m.entries()) {
            b.addEntries(encode(e));
        }
        if (m.snapshot() != null) {
            b.setSnapshot(encode(m.snapshot()));
        }
        return b.build();
    }

    static io.synod.proto.peer.LogEntry encode(LogEntry e) {
        return io.synod.proto.peer.LogEntry.newBuilder()
                .setIndex(e.index())
                .setTerm(e.term())
                .setType(encode(e.type()))
                .setData(ByteString.copyFrom(e.data()))
                .setChecksum(EntryChecksum.of(e))
                .build();
    }

    private static io.synod.proto.peer.EntryType encode(EntryType type) {
        return switch (type) {
            case NORMAL -> io.synod.proto.peer.EntryType.ENTRY_NORMAL;
            case CONF_CHANGE -> io.synod.proto.peer.EntryType.ENTRY_CONF_CHANGE;
            case NOOP -> io.synod.proto.peer.EntryType.ENTRY_NOOP;
        };
    }

    static io.synod.proto.peer.SnapshotMeta encode(SnapshotMeta meta) {
        return io.synod.proto.peer.SnapshotMeta.newBuilder()
                .setIndex(meta.index())
                .setTerm(meta.term())
                .setConfState(encode(meta.confState()))
                .setSizeBytes(meta.sizeBytes())
                .setChecksum(meta.checksum())
                .build();
    }

    private static io.synod.proto.peer.ConfState encode(ConfState conf) {
        return io.synod.proto.peer.ConfState.newBuilder()
                .addAllVoters(conf.voters())
                .addAllLearners(conf.learners())
                .build();
    }
}
