package io.synod.kv.consensus.raft;

import io.synod.kv.consensus.api.ConfChange;
import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.consensus.api.EntryType;
import io.synod.kv.consensus.api.LogEntry;

import java.util.Map;
import java.util.TreeMap;

/**
 * Membership as a function of the log: the snapshot's configuration followed by every
 * CONF_CHANGE entry in the log, each effective as soon as it is appended (Raft thesis, single
 * server changes). Truncating the log rolls the changes after the truncation point back.
 * A change that makes no sense for the configuration before it is skipped on every replica alike.
 */
final class ConfHistory {

    private ConfState base;
    private final TreeMap<Long, ConfState> changes = new TreeMap<>();

    ConfHistory(ConfState base) {
        this.base = base;
    }

    ConfState current() {
        return changes.isEmpty() ? base : changes.lastEntry().getValue();
    }

    /** Index of the latest CONF_CHANGE entry in the log, 0 if none since the snapshot. */
    long lastChangeIndex() {
        return changes.isEmpty() ? 0 : changes.lastKey();
    }

    void reset(ConfState snapshotConf) {
        base = snapshotConf;
        changes.clear();
    }

    void truncateFrom(long index) {
        changes.tailMap(index, true).clear();
    }

    void append(LogEntry entry) {
        if (entry.type() != EntryType.CONF_CHANGE) {
            return;
        }
        ConfState before = current();
        try {
            changes.put(entry.index(), before.apply(ConfChange.decode(entry.data())));
        } catch (IllegalArgumentException malformedOrPointless) {
            // Deterministically ignored everywhere; the entry still occupies its index.
        }
    }

    /** Membership in force once the log up to {@code index} is applied. */
    ConfState at(long index) {
        Map.Entry<Long, ConfState> e = changes.floorEntry(index);
        return e == null ? base : e.getValue();
    }
}
