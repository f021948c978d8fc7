package io.synod.kv.consensus.api;

import java.util.Map;

/** A snapshot of an engine's state for status pages, admin and checkers. */
public record EngineStatus(
        long id,
        Role role,
        long term,
        long leaderId,
        long commitIndex,
        long appliedIndex,
        long lastIndex,
        ConfState confState,
        Map<Long, PeerProgress> progress) {

    /** The leader's view of one follower: highest index known replicated, next index to send. */
    public record PeerProgress(long match, long next, boolean recentlyActive, boolean snapshotting) {
    }
}
