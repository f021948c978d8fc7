package io.synod.kv.consensus.paxos;

import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.api.SnapshotMeta;

import java.util.List;

/**
 * Structural validation of incoming messages. A message failing these checks cannot come from a
 * correct peer; the engine drops it before it can touch any state.
 */
final class PaxosMessageChecks {

    private PaxosMessageChecks() {
    }

    static boolean wellFormed(PaxosMessage m, long selfId) {
        if (m.to() != selfId || m.from() <= 0 || m.from() == selfId || m.from() > Ballot.MAX_NODE_ID) {
            return false;
        }
        if (m.term() <= 0 || m.commit() < 0 || m.slot() < 0 || m.lastSlot() < 0 || m.context() < 0
                || m.snapshotOffset() < 0) {
            return false;
        }
        boolean ownBallot = Ballot.node(m.term()) == m.from();
        return switch (m.type()) {
            case PREPARE, HEARTBEAT, COMMIT, READ_INDEX_RESPONSE -> ownBallot && m.entries().isEmpty();
            case PROMISE -> ascending(m.entries(), m.slot(), m.term());
            case ACCEPT -> ownBallot && !m.entries().isEmpty() && consecutive(m.entries(), m.term());
            case ACCEPTED -> m.slot() > 0 && m.lastSlot() >= m.slot() && m.entries().isEmpty();
            case SNAPSHOT -> ownBallot && snapshotChunkFits(m);
            case SNAPSHOT_ACK -> m.snapshot() != null && m.entries().isEmpty();
            case REJECT, HEARTBEAT_ACK, READ_INDEX -> m.entries().isEmpty();
        };
    }

    /** Accepted values above {@code above}, in slot order, each accepted in a ballot up to {@code ballot}. */
    private static boolean ascending(List<LogEntry> entries, long above, long ballot) {
        long previous = above;
        for (LogEntry e : entries) {
            if (e.index() <= previous || e.term() <= 0 || e.term() > ballot) {
                return false;
            }
            previous = e.index();
        }
        return true;
    }

    private static boolean consecutive(List<LogEntry> entries, long ballot) {
        long first = entries.get(0).index();
        for (int i = 0; i < entries.size(); i++) {
            LogEntry e = entries.get(i);
            if (e.index() != first + i || e.term() != ballot) {
                return false;
            }
        }
        return true;
    }

    private static boolean snapshotChunkFits(PaxosMessage m) {
        SnapshotMeta s = m.snapshot();
        if (s == null || s.index() <= 0 || s.sizeBytes() < 0) {
            return false;
        }
        long end = m.snapshotOffset() + m.snapshotData().length;
        return end <= s.sizeBytes() && m.snapshotDone() == (end == s.sizeBytes());
    }
}
