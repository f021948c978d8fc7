package io.synod.kv.transport.codec;

import com.google.protobuf.ByteString;
import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.paxos.PaxosMessage;

/** Converts engine-side Multi-Paxos records into their peer.proto form. */
final class PaxosWireEncoder {

    private PaxosWireEncoder() {
    }

    static io.synod.proto.peer.PaxosMessage encode(PaxosMessage m) {
        io.synod.proto.peer.PaxosMessage.Builder b = io.synod.proto.peer.PaxosMessage.newBuilder()
                .setType(io.synod.proto.peer.PaxosMessage.Type.valueOf(m.type().name()))
                .setBallot(m.term())
                .setCommit(m.commit())
                .setSlot(m.slot())
                .setLastSlot(m.lastSlot())
                .setReject(m.reject())
                .setContext(m.context())
                .setSnapshotOffset(m.snapshotOffset())
                .setSnapshotData(ByteString.copyFrom(m.snapshotData()))
                .setSnapshotDone(m.snapshotDone());
        for (LogEntry e : m.entries()) {
            b.addEntries(RaftWireEncoder.encode(e));
        }
        if (m.snapshot() != null) {
            b.setSnapshot(RaftWireEncoder.encode(m.snapshot()));
        }
        return b.build();
    }
}
