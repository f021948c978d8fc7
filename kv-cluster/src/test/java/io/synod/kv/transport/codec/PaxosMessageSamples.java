package io.synod.kv.transport.codec;

import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.consensus.api.EntryType;
import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.api.SnapshotMeta;
import io.synod.kv.consensus.paxos.Ballot;
import io.synod.kv.consensus.paxos.PaxosMessage;
import io.synod.kv.consensus.paxos.PaxosMessage.Type;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Valid Multi-Paxos messages of every type, as engines produce them. */
final class PaxosMessageSamples {

    static final long BALLOT = Ballot.of(4, 1);

    private PaxosMessageSamples() {
    }

    static PaxosMessage accept() {
        return PaxosMessage.of(Type.ACCEPT, 1, 2, BALLOT).withCommit(9).withEntries(List.of(
                LogEntry.normal(11, BALLOT, "put a".getBytes(StandardCharsets.UTF_8)),
                new LogEntry(12, BALLOT, EntryType.NOOP, new byte[0]),
                LogEntry.normal(13, BALLOT, new byte[] {0, (byte) 0xff, 3})));
    }

    /** Accepted values above slot 8, in ballots below the promised one, with a gap at 10. */
    static PaxosMessage promise() {
        return PaxosMessage.of(Type.PROMISE, 3, 1, BALLOT).withSlots(8, 0).withCommit(8).withEntries(List.of(
                LogEntry.normal(9, Ballot.of(2, 2), "put b".getBytes(StandardCharsets.UTF_8)),
                LogEntry.normal(11, Ballot.of(3, 3), "put c".getBytes(StandardCharsets.UTF_8))));
    }

    static PaxosMessage snapshotChunk() {
        ConfState conf = ConfState.ofVoters(List.of(1L, 2L, 3L));
        return PaxosMessage.of(Type.SNAPSHOT, 1, 3, BALLOT).withCommit(120)
                .withSnapshot(new SnapshotMeta(100, Ballot.of(3, 1), conf, 5000, 0x1234abcd), 4096,
                        new byte[] {1, 2, 3, 4}, false);
    }

    static List<PaxosMessage> all() {
        List<PaxosMessage> all = new ArrayList<>();
        all.add(accept());
        all.add(promise());
        all.add(snapshotChunk());
        all.add(PaxosMessage.of(Type.PREPARE, 1, 2, BALLOT).withSlots(8, 0));
        all.add(PaxosMessage.of(Type.REJECT, 2, 1, Ballot.of(5, 3)).withContext(BALLOT).withCommit(7));
        all.add(PaxosMessage.of(Type.ACCEPTED, 2, 1, BALLOT).withSlots(11, 13).withCommit(9));
        all.add(PaxosMessage.of(Type.HEARTBEAT, 1, 2, BALLOT).withCommit(9).withContext(17));
        all.add(PaxosMessage.of(Type.HEARTBEAT_ACK, 2, 1, BALLOT).withCommit(9).withContext(17));
        all.add(PaxosMessage.of(Type.COMMIT, 1, 2, BALLOT).withCommit(13));
        all.add(PaxosMessage.of(Type.READ_INDEX, 2, 1, BALLOT).withContext(42));
        all.add(PaxosMessage.of(Type.READ_INDEX_RESPONSE, 1, 2, BALLOT).withSlots(13, 0).withContext(42));
        all.add(PaxosMessage.of(Type.SNAPSHOT_ACK, 3, 1, BALLOT)
                .withSnapshot(snapshotChunk().snapshot(), 4100, null, false).withReject(true));
        return all;
    }
}
