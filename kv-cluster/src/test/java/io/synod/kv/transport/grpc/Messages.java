package io.synod.kv.transport.grpc;

import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.consensus.api.EntryType;
import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.api.SnapshotMeta;
import io.synod.kv.consensus.raft.RaftMessage;
import io.synod.kv.consensus.raft.RaftMessage.Type;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Raft messages for transport tests; {@code context} makes each one identifiable. */
final class Messages {

    private Messages() {
    }

    /** One message of every type from {@code from} to {@code to}, with contexts starting at {@code firstContext}. */
    static List<RaftMessage> everyType(long from, long to, long firstContext) {
        List<RaftMessage> all = new ArrayList<>();
        long context = firstContext;
        for (Type type : Type.values()) {
            RaftMessage m = RaftMessage.of(type, from, to, 7).withLog(6, 40).withCommit(39).withContext(context++);
            if (type == Type.APPEND) {
                m = m.withEntries(List.of(
                        LogEntry.normal(41, 7, ("from " + from).getBytes(StandardCharsets.UTF_8)),
                        new LogEntry(42, 7, EntryType.NOOP, new byte[0])));
            } else if (type == Type.INSTALL_SNAPSHOT) {
                ConfState conf = new ConfState(new TreeSet<>(List.of(1L, 2L, 3L)), new TreeSet<>());
                m = m.withSnapshot(new SnapshotMeta(30, 6, conf, 3, 0x5eed), 0, new byte[] {1, 2, 3}, true);
            } else if (type == Type.APPEND_RESPONSE) {
                m = m.withReject(true, 12, 5);
            }
            all.add(m);
        }
        return all;
    }

    static RaftMessage heartbeat(long from, long to, long context) {
        return RaftMessage.of(Type.HEARTBEAT, from, to, 1).withContext(context);
    }

    /** An APPEND of one entry with {@code payloadBytes} of data. */
    static RaftMessage append(long from, long to, long index, int payloadBytes) {
        return RaftMessage.of(Type.APPEND, from, to, 1).withLog(1, index - 1).withCommit(index - 1)
                .withEntries(List.of(LogEntry.normal(index, 1, new byte[payloadBytes])));
    }
}
