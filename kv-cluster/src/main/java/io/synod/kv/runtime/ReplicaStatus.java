package io.synod.kv.runtime;

import io.synod.kv.consensus.api.EngineStatus;
import io.synod.kv.consensus.api.RepairFloor;

/**
 * A replica as seen from its event loop at one moment.
 *
 * @param engine             the engine's own view (role, term, leader, commit, membership,
 *                           and on a leader each follower's progress)
 * @param appliedIndex       last log index applied to the state machine
 * @param snapshotIndex      index of the store's latest snapshot (0: none)
 * @param stateDigest        the state machine's digest, to compare replicas
 * @param syncs              fsyncs issued so far (one per Ready with persistent work)
 * @param entriesPersisted   log entries written so far; {@code entriesPersisted / syncs} is the
 *                           group-commit batch size
 * @param snapshotsTaken     local compactions so far
 * @param snapshotsInstalled snapshots received from a leader and installed so far
 * @param repairFloor        the last entry this replica held before its storage was found damaged
 *                           and replaced ({@link RepairFloor#NONE}: never)
 * @param rejectedReplies    with signed replies (PBFT): replies about a waiting proposal whose
 *                           signature did not verify, ignored
 * @param mismatchedReplies  with signed replies: reports of a result other than the one a
 *                           proposal was answered with, ignored
 * @param divergedResults    with signed replies: proposals refused because f+1 replicas vouched
 *                           for a result other than this replica's (its state diverged)
 */
public record ReplicaStatus(
        EngineStatus engine,
        long appliedIndex,
        long snapshotIndex,
        long stateDigest,
        int pendingProposals,
        int pendingReads,
        long syncs,
        long entriesPersisted,
        long snapshotsTaken,
        long snapshotsInstalled,
        RepairFloor repairFloor,
        long rejectedReplies,
        long mismatchedReplies,
        long divergedResults) {

    /** Whether the replica is still catching up after a repair (its elections judged by the log it lost). */
    public boolean repairing() {
        return engine.commitIndex() < repairFloor.index();
    }

    /** Committed entries not applied yet here. */
    public long applyLag() {
        return engine.commitIndex() - appliedIndex;
    }

    /** On a leader: how far {@code follower}'s log is behind the leader's; -1 if unknown here. */
    public long replicationLag(long follower) {
        EngineStatus.PeerProgress p = engine.progress().get(follower);
        return p == null ? -1 : engine.lastIndex() - p.match();
    }
}
