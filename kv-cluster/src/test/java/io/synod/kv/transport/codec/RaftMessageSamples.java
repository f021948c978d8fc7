package io.synod.kv.transport.codec;

import io.synod.kv.consensus.api.ConfChange;
import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.consensus.api.EntryType;
import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.api.SnapshotMeta;
import io.synod.kv.consensus.raft.RaftMessage;
import io.synod.kv.consensus.raft.RaftMessage.Type;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Valid Raft messages of every type, as engines produce them. */
final class RaftMessageSamples {

    private RaftMessageSamples() {
    }

    static RaftMessage append() {
        return RaftMessage.of(Type.APPEND, 1, 2, 7).withLog(5, 10).withCommit(9).withEntries(List.of(
                LogEntry.normal(11, 6, "put a".getBytes(StandardCharsets.UTF_8)),
                new LogEntry(12, 7, EntryType.NOOP, new byte[0]),
                new LogEntry(13, 7, EntryType.CONF_CHANGE, new ConfChange(ConfChange.Type.ADD_LEARNER, 4).encode()),
                LogEntry.normal(14, 7, new byte[] {0, (byte) 0xff, 3})));
    }

    static RaftMessage snapshotChunk() {
        ConfState conf = new ConfState(new TreeSet<>(Set.of(1L, 2L, 3L)), new TreeSet<>(Set.of(4L)));
        return RaftMessage.of(Type.INSTALL_SNAPSHOT, 1, 3, 7)
                .withSnapshot(new SnapshotMeta(100, 6, conf, 5000, 0x1234abcd), 4096, new byte[] {1, 2, 3, 4}, true);
    }

    static List<RaftMessage> all() {
        List<RaftMessage> all = new ArrayList<>();
        all.add(append());
        all.add(snapshotChunk());
        all.add(RaftMessage.of(Type.APPEND, 2, 1, 3).withLog(0, 0));
        all.add(RaftMessage.of(Type.PRE_VOTE, 3, 1, 8).withLog(7, 20));
        all.add(RaftMessage.of(Type.PRE_VOTE_RESPONSE, 1, 3, 8).withReject(true, 0, 0));
        all.add(RaftMessage.of(Type.VOTE, 3, 1, 8).withLog(7, 20).withTransfer(true));
        all.add(RaftMessage.of(Type.VOTE_RESPONSE, 1, 3, 8));
        all.add(RaftMessage.of(Type.APPEND_RESPONSE, 2, 1, 7).withLog(0, 14).withReject(true, 12, 6));
        all.add(RaftMessage.of(Type.HEARTBEAT, 1, 2, 7).withCommit(9).withContext(-5L));
        all.add(RaftMessage.of(Type.HEARTBEAT_RESPONSE, 2, 1, 7).withContext(Long.MAX_VALUE));
        all.add(RaftMessage.of(Type.INSTALL_SNAPSHOT_RESPONSE, 3, 1, 7)
                .withSnapshot(snapshotChunk().snapshot(), 4100, null, false));
        all.add(RaftMessage.of(Type.TIMEOUT_NOW, 1, 2, 7));
        all.add(RaftMessage.of(Type.READ_INDEX, 2, 1, 7).withContext(42));
        all.add(RaftMessage.of(Type.READ_INDEX_RESPONSE, 1, 2, 7).withLog(0, 14).withContext(42));
        return all;
    }
}
