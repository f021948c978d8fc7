package io.synod.kv.consensus.raft;

import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.api.SnapshotMeta;

import java.util.List;

/**
 * Structural validation of incoming messages. A message failing these checks cannot come from a
 * correct peer; the engine drops it before it can touch any state.
 */
final class MessageChecks {

    private MessageChecks() {
    }

    static boolean wellFormed(RaftMessage m, long selfId) {
        if (m.to() != selfId || m.from() <= 0 || m.from() == selfId) {
            return false;
        }
        if (m.term() < 0 || m.logTerm() < 0 || m.index() < 0 || m.commit() < 0 || m.rejectHint() < 0
                || m.rejectHintTerm() < 0 || m.snapshotOffset() < 0) {
            return false;
        }
        return switch (m.type()) {
            case PRE_VOTE, VOTE -> m.logTerm() <= m.term() && m.term() > 0;
            case APPEND -> m.logTerm() <= m.term() && entriesFit(m);
            case INSTALL_SNAPSHOT -> snapshotChunkFits(m);
            case INSTALL_SNAPSHOT_RESPONSE -> m.snapshot() != null;
            default -> m.entries().isEmpty();
        };
    }

    private static boolean entriesFit(RaftMessage m) {
        List<LogEntry> entries = m.entries();
        long prevTerm = m.logTerm();
        for (int i = 0; i < entries.size(); i++) {
            LogEntry e = entries.get(i);
            if (e.index() != m.index() + 1 + i || e.term() > m.term() || e.term() < prevTerm) {
                return false;
            }
            prevTerm = e.term();
        }
        return true;
    }

    private static boolean snapshotChunkFits(RaftMessage m) {
        SnapshotMeta s = m.snapshot();
        if (s == null || s.index() <= 0 || s.term() <= 0 || s.term() > m.term() || s.sizeBytes() < 0) {
            return false;
        }
        long end = m.snapshotOffset() + m.snapshotData().length;
        return end <= s.sizeBytes() && m.snapshotDone() == (end == s.sizeBytes());
    }
}
