package io.synod.kv.check.safety;

import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.consensus.api.HardState;
import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.api.LogView;
import io.synod.kv.consensus.api.SnapshotMeta;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A hand-made log for checker tests: entries after a snapshot at {@code snapshotIndex}. */
final class ListLogView implements LogView {

    private final long snapshotIndex;
    private final long snapshotTerm;
    private final List<LogEntry> entries = new ArrayList<>();

    private ListLogView(long snapshotIndex, long snapshotTerm) {
        this.snapshotIndex = snapshotIndex;
        this.snapshotTerm = snapshotTerm;
    }

    /** A log from index 1 whose entries have the given terms and data "d{index}@{term}". */
    static ListLogView ofTerms(long... terms) {
        return afterSnapshot(0, 0, terms);
    }

    static ListLogView afterSnapshot(long snapshotIndex, long snapshotTerm, long... terms) {
        ListLogView log = new ListLogView(snapshotIndex, snapshotTerm);
        for (int i = 0; i < terms.length; i++) {
            log.add(terms[i], "d" + (snapshotIndex + i + 1) + "@" + terms[i]);
        }
        return log;
    }

    ListLogView add(long term, String data) {
        entries.add(LogEntry.normal(snapshotIndex + entries.size() + 1, term, data.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    @Override
    public HardState hardState() {
        return HardState.EMPTY;
    }

    @Override
    public long firstIndex() {
        return snapshotIndex + 1;
    }

    @Override
    public long lastIndex() {
        return snapshotIndex + entries.size();
    }

    @Override
    public long term(long index) {
        if (index == snapshotIndex) {
            return snapshotTerm;
        }
        if (index < snapshotIndex || index > lastIndex()) {
            return -1;
        }
        return entries.get((int) (index - snapshotIndex - 1)).term();
    }

    @Override
    public List<LogEntry> entries(long lo, long hi, long maxBytes) {
        return List.copyOf(entries.subList((int) (lo - snapshotIndex - 1), (int) (hi - snapshotIndex - 1)));
    }

    @Override
    public SnapshotMeta snapshotMeta() {
        return new SnapshotMeta(snapshotIndex, snapshotTerm, ConfState.ofVoters(Set.of(1L)), 0, 0);
    }

    @Override
    public byte[] snapshotChunk(long offset, int maxBytes) {
        return new byte[0];
    }
}
