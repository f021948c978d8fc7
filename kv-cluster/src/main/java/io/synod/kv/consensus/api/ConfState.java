package io.synod.kv.consensus.api;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/** Group membership: voters count in quorums, learners only receive the log. */
public record ConfState(SortedSet<Long> voters, SortedSet<Long> learners) {

    public ConfState {
        Objects.requireNonNull(voters, "voters");
        Objects.requireNonNull(learners, "learners");
        voters = Collections.unmodifiableSortedSet(new TreeSet<>(voters));
        learners = Collections.unmodifiableSortedSet(new TreeSet<>(learners));
        for (Long l : learners) {
            if (voters.contains(l)) {
                throw new IllegalArgumentException("node " + l + " cannot be both voter and learner");
            }
        }
    }

    public static ConfState ofVoters(Iterable<Long> ids) {
        TreeSet<Long> v = new TreeSet<>();
        ids.forEach(v::add);
        return new ConfState(v, new TreeSet<>());
    }

    public boolean isMember(long id) {
        return voters.contains(id) || learners.contains(id);
    }

    /** Returns the membership after {@code change}; throws if the change makes no sense. */
    public ConfState apply(ConfChange change) {
        TreeSet<Long> v = new TreeSet<>(voters);
        TreeSet<Long> l = new TreeSet<>(learners);
        long id = change.nodeId();
        switch (change.type()) {
            case ADD_VOTER -> {
                l.remove(id);
                v.add(id);
            }
            case ADD_LEARNER -> {
                if (v.contains(id)) {
                    throw new IllegalArgumentException("node " + id + " is already a voter");
                }
                l.add(id);
            }
            case PROMOTE_LEARNER -> {
                if (!l.remove(id)) {
                    throw new IllegalArgumentException("node " + id + " is not a learner");
                }
                v.add(id);
            }
            case REMOVE_NODE -> {
                v.remove(id);
                l.remove(id);
            }
        }
        return new ConfState(v, l);
    }
}
