package io.synod.kv.consensus.raft;

import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.consensus.support.Quorum;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * Membership in force plus, on a leader, one {@link Progress} per other member, and the votes of
 * an election. Quorums (see {@link Quorum}) are strict majorities of the voters; learners never
 * count.
 */
final class ProgressTracker {

    enum VoteResult { PENDING, WON, LOST }

    private final long selfId;
    private final int maxInflight;
    private ConfState conf;
    private final TreeMap<Long, Progress> progress = new TreeMap<>();
    private final TreeMap<Long, Boolean> votes = new TreeMap<>();

    ProgressTracker(long selfId, ConfState conf, int maxInflight) {
        this.selfId = selfId;
        this.conf = conf;
        this.maxInflight = maxInflight;
    }

    ConfState conf() {
        return conf;
    }

    boolean isVoter(long id) {
        return conf.voters().contains(id);
    }

    boolean isMember(long id) {
        return conf.isMember(id);
    }

    int quorum() {
        return Quorum.size(conf.voters().size());
    }

    /** Switches membership; new peers start probing at {@code nextIndex}, removed ones are dropped. */
    void setConf(ConfState newConf, long nextIndex, boolean leader) {
        conf = newConf;
        progress.keySet().removeIf(id -> !newConf.isMember(id));
        votes.keySet().removeIf(id -> !newConf.voters().contains(id));
        if (leader) {
            for (long id : members()) {
                if (id != selfId && !progress.containsKey(id)) {
                    progress.put(id, new Progress(nextIndex, maxInflight));
                }
            }
        }
    }

    /** Fresh progress for every other member, as a new leader sees them. */
    void resetProgress(long nextIndex, long ownLastIndex) {
        progress.clear();
        for (long id : members()) {
            if (id != selfId) {
                progress.put(id, new Progress(nextIndex, maxInflight));
            }
        }
        Invariants.check(ownLastIndex + 1 >= nextIndex, "next index beyond own log");
    }

    void clearProgress() {
        progress.clear();
    }

    Progress get(long id) {
        return progress.get(id);
    }

    Map<Long, Progress> peers() {
        return Collections.unmodifiableMap(progress);
    }

    List<Long> members() {
        List<Long> all = new ArrayList<>(conf.voters());
        all.addAll(conf.learners());
        Collections.sort(all);
        return all;
    }

    /**
     * The largest value held by a quorum of voters, where the leader contributes {@code selfValue}
     * (only if it is a voter) and each peer {@code perPeer}. 0 when there are no voters.
     */
    long quorumValue(long selfValue, ToLongFunction<Progress> perPeer) {
        return Quorum.value(conf.voters(), selfId, selfValue, id -> {
            Progress p = progress.get(id);
            return p == null ? 0 : perPeer.applyAsLong(p);
        });
    }

    /** Whether a quorum of voters (the leader included if it votes) was heard from recently. */
    boolean quorumActive() {
        return Quorum.active(conf.voters(), selfId, id -> progress.containsKey(id) && progress.get(id).recentActive);
    }

    void resetRecentActive() {
        progress.values().forEach(p -> p.recentActive = false);
    }

    void resetVotes() {
        votes.clear();
    }

    /** Records a voter's answer (the first answer of each voter counts) and tallies. */
    VoteResult recordVote(long id, boolean granted) {
        if (isVoter(id)) {
            votes.putIfAbsent(id, granted);
        }
        return tally();
    }

    VoteResult tally() {
        int granted = 0;
        int rejected = 0;
        for (boolean g : votes.values()) {
            if (g) {
                granted++;
            } else {
                rejected++;
            }
        }
        if (granted >= quorum()) {
            return VoteResult.WON;
        }
        if (rejected > conf.voters().size() - quorum()) {
            return VoteResult.LOST;
        }
        return VoteResult.PENDING;
    }
}
