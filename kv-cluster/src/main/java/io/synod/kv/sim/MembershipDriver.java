package io.synod.kv.sim;

import io.synod.kv.consensus.api.ConfChange;
import io.synod.kv.consensus.api.ConfState;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.LongStream;

/**
 * The MEMBERSHIP activity: an operator that, during the safety phase, asks the current leader to
 * add a spare node as learner, promote a learner, remove a voter (sometimes itself) or hand
 * leadership to another voter. A spare boots (bootstrapped with the initial members, like any
 * joiner) when its addition is proposed. Removed ids are never reused, and clients stop
 * contacting a node once its removal was proposed.
 */
final class MembershipDriver {

    private static final int MIN_VOTERS = 3;
    private static final int MAX_MEMBERS = 7;

    private final List<SimNode> nodes;
    private final SplittableRandom random;
    private final EventQueue events;
    private final TreeSet<Long> contactable = new TreeSet<>();
    private final TreeSet<Long> retired = new TreeSet<>();
    private final int initialVoters;
    private boolean healed;

    MembershipDriver(List<SimNode> nodes, int initialVoters, SplittableRandom random, EventQueue events) {
        this.nodes = nodes;
        this.random = random;
        this.events = events;
        this.initialVoters = initialVoters;
        for (long id = 1; id <= initialVoters; id++) {
            contactable.add(id);
        }
    }

    /**
     * The nodes clients may send requests to, in id order; the initial voters should removals
     * whose entries were lost have left no node (the removed ones answer with leader hints).
     */
    List<Long> contactable() {
        if (contactable.isEmpty()) {
            return LongStream.rangeClosed(1, initialVoters).boxed().toList();
        }
        return new ArrayList<>(contactable);
    }

    /** Schedules changes at random gaps until {@code endMicros}. */
    void schedule(long endMicros) {
        for (long t = events.nowMicros() + gap(); t < endMicros; t += gap()) {
            events.at(t, () -> {
                if (!healed) {
                    act();
                }
            });
        }
    }

    void heal() {
        healed = true;
    }

    private long gap() {
        return 80_000 + random.nextLong(300_000);
    }

    private void act() {
        SimNode leader = SimNode.currentLeader(nodes);
        if (leader == null) {
            return;
        }
        ConfState conf = leader.engine().status().confState();
        if (random.nextInt(5) == 0) {
            transfer(leader, conf);
            return;
        }
        List<Runnable> options = new ArrayList<>();
        if (!conf.learners().isEmpty()) {
            options.add(() -> propose(leader, ConfChange.Type.PROMOTE_LEARNER, pick(conf.learners())));
        }
        List<Long> spares = spares(conf);
        if (!spares.isEmpty() && conf.voters().size() + conf.learners().size() < MAX_MEMBERS) {
            options.add(() -> {
                long spare = spares.get(random.nextInt(spares.size()));
                if (propose(leader, ConfChange.Type.ADD_LEARNER, spare)) {
                    SimNode joiner = nodes.get((int) spare - 1);
                    if (!joiner.isUp()) {
                        joiner.start();
                    }
                    contactable.add(spare);
                }
            });
        }
        if (conf.voters().size() > MIN_VOTERS) {
            options.add(() -> {
                long victim = random.nextInt(4) == 0 ? leader.id() : pick(conf.voters());
                if (propose(leader, ConfChange.Type.REMOVE_NODE, victim)) {
                    retired.add(victim);
                    contactable.remove(victim);
                }
            });
        }
        if (!options.isEmpty()) {
            options.get(random.nextInt(options.size())).run();
        }
    }

    private void transfer(SimNode leader, ConfState conf) {
        List<Long> others = new ArrayList<>(conf.voters());
        others.remove(Long.valueOf(leader.id()));
        if (!others.isEmpty()) {
            leader.transferLeadership(others.get(random.nextInt(others.size())));
        }
    }

    private boolean propose(SimNode leader, ConfChange.Type type, long node) {
        return leader.proposeConfChange(new ConfChange(type, node)).isAccepted();
    }

    /** Nodes that are not members and were never removed: fresh spares, or ones whose addition was lost. */
    private List<Long> spares(ConfState conf) {
        List<Long> out = new ArrayList<>();
        for (SimNode n : nodes) {
            if (!conf.isMember(n.id()) && !retired.contains(n.id())) {
                out.add(n.id());
            }
        }
        return out;
    }

    private long pick(SortedSet<Long> ids) {
        List<Long> list = new ArrayList<>(ids);
        return list.get(random.nextInt(list.size()));
    }
}
