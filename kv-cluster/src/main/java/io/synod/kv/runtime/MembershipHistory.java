package io.synod.kv.runtime;

import io.synod.kv.consensus.api.ConfChange;
import io.synod.kv.consensus.api.ConfState;

import java.util.Map;
import java.util.TreeMap;

/**
 * Group membership as of each applied index since the latest snapshot, so a compaction at any
 * applied index can record the membership in force there. Built from the snapshot's ConfState
 * and the CONF_CHANGE entries as they are applied. Used by the event loop only.
 */
final class MembershipHistory {

    private final TreeMap<Long, ConfState> byIndex = new TreeMap<>();

    MembershipHistory(long snapshotIndex, ConfState atSnapshot) {
        reset(snapshotIndex, atSnapshot);
    }

    /** Starts over from a snapshot. */
    void reset(long snapshotIndex, ConfState atSnapshot) {
        byIndex.clear();
        byIndex.put(snapshotIndex, atSnapshot);
    }

    /** Applies the change committed at {@code index}; returns the new membership. */
    ConfState apply(long index, ConfChange change) {
        ConfState next = current().apply(change);
        byIndex.put(index, next);
        return next;
    }

    ConfState current() {
        return byIndex.lastEntry().getValue();
    }

    /** Membership in force once the log is applied through {@code index}. */
    ConfState at(long index) {
        Map.Entry<Long, ConfState> e = byIndex.floorEntry(index);
        if (e == null) {
            throw new IllegalArgumentException("index " + index + " is before the snapshot at " + byIndex.firstKey());
        }
        return e.getValue();
    }

    /** Forgets changes that a snapshot at {@code index} now covers. */
    void compactedThrough(long index) {
        ConfState at = at(index);
        byIndex.headMap(index, true).clear();
        byIndex.put(index, at);
    }
}
