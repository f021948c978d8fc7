package io.synod.kv.sim;

import io.synod.kv.consensus.api.Role;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Draws the safety phase's fault mix from the seed (swarm testing: a random subset of the allowed
 * faults, each with random intensity) and schedules the timed faults: partitions, one-way
 * partitions, swizzle-clogging and crash/restart cycles. {@link #heal()} stops all of them.
 */
final class FaultInjector {

    private static final int MAX_SWIZZLED = 7;

    private final Set<Fault> active;
    private final SplittableRandom random;
    private final EventQueue events;
    private final SimNetwork network;
    private final List<SimNode> nodes;
    private boolean healed;

    FaultInjector(SimConfig config, SplittableRandom random, EventQueue events, SimNetwork network,
                  List<SimNode> nodes) {
        this.random = random;
        this.events = events;
        this.network = network;
        this.nodes = nodes;
        EnumSet<Fault> chosen = EnumSet.noneOf(Fault.class);
        for (Fault f : EnumSet.allOf(Fault.class)) {
            if (config.faults().contains(f) && (!config.swarm() || random.nextInt(100) < 60)) {
                chosen.add(f);
            }
        }
        this.active = Collections.unmodifiableSet(chosen);
    }

    Set<Fault> active() {
        return active;
    }

    /** Network behaviour during the safety phase. */
    SimNetwork.Conditions safetyConditions(long baseLatencyMicros, long jitterMicros) {
        boolean reorder = active.contains(Fault.REORDER);
        return new SimNetwork.Conditions(baseLatencyMicros, reorder ? jitterMicros * 5 : jitterMicros, reorder,
                active.contains(Fault.DROP) ? 0.01 + random.nextDouble() * 0.15 : 0,
                active.contains(Fault.DUPLICATE) ? 0.01 + random.nextDouble() * 0.1 : 0,
                active.contains(Fault.DELAY) ? 0.01 + random.nextDouble() * 0.08 : 0,
                50_000 + random.nextLong(250_000));
    }

    /** Schedules every timed fault between now and {@code endMicros}. */
    void schedule(long endMicros) {
        long now = events.nowMicros();
        if (active.contains(Fault.PARTITION)) {
            repeat(now, endMicros, 100_000, 600_000, this::partition);
        }
        if (active.contains(Fault.ASYMMETRIC)) {
            repeat(now, endMicros, 100_000, 600_000, this::oneWayPartition);
        }
        if (active.contains(Fault.CLOG)) {
            repeat(now, endMicros, 300_000, 900_000, this::swizzleClog);
        }
        if (active.contains(Fault.CRASH)) {
            repeat(now, endMicros, 80_000, 500_000, this::crash);
        }
        if (active.contains(Fault.WIPE)) {
            repeat(now, endMicros, 150_000, 700_000, this::wipe);
        }
    }

    /**
     * With PARTITION active, sometimes cuts a freshly elected leader (and a minority around it)
     * off within a few milliseconds, before its first entries spread: this leaves entries of
     * different terms on different minorities, the ground for Raft's Figure 8.
     */
    void onLeaderElected(long leaderId) {
        if (healed || !active.contains(Fault.PARTITION) || random.nextInt(100) >= 40) {
            return;
        }
        events.after(random.nextLong(20_000), () -> {
            if (!healed) {
                isolateMinorityWith((int) leaderId);
            }
        });
    }

    /** Ends the safety phase: no more faults, links open, crashed nodes restarted (spares stay dark). */
    void heal() {
        healed = true;
        network.healPartitions();
        for (SimNode node : nodes) {
            if (node.hasStarted() && !node.isUp()) {
                node.start();
            }
        }
    }

    /** Schedules {@code fault} at random gaps; large clusters get proportionally fewer faults. */
    private void repeat(long from, long end, long minGapMicros, long maxGapMicros, EventQueue.Action fault) {
        long scale = Math.max(1, nodes.size() / 15);
        long minGap = minGapMicros * scale;
        long maxGap = maxGapMicros * scale;
        for (long t = from + minGap + random.nextLong(maxGap - minGap); t < end;
                t += minGap + random.nextLong(maxGap - minGap)) {
            events.at(t, () -> {
                if (!healed) {
                    fault.run();
                }
            });
        }
    }

    private List<Integer> shuffledNodeIds() {
        List<Integer> ids = new ArrayList<>();
        for (int i = 1; i <= nodes.size(); i++) {
            ids.add(i);
        }
        return shuffle(ids);
    }

    private <T> List<T> shuffle(List<T> items) {
        for (int i = items.size() - 1; i > 0; i--) {
            Collections.swap(items, i, random.nextInt(i + 1));
        }
        return items;
    }

    private long healDelay() {
        return 50_000 + random.nextLong(450_000);
    }

    /** Splits the nodes into two sides that cannot reach each other, for a while. */
    private void partition() {
        List<Integer> ids = shuffledNodeIds();
        int cut = 1 + random.nextInt(Math.max(1, ids.size() - 1));
        List<Integer> a = ids.subList(0, cut);
        List<Integer> b = ids.subList(cut, ids.size());
        setLinks(a, b, true);
        setLinks(b, a, true);
        events.after(healDelay(), () -> {
            setLinks(a, b, false);
            setLinks(b, a, false);
        });
    }

    private void isolateMinorityWith(int node) {
        List<Integer> others = shuffledNodeIds();
        others.remove(Integer.valueOf(node));
        int extra = random.nextInt(Math.max(1, (nodes.size() - 1) / 2));
        List<Integer> minority = new ArrayList<>(others.subList(0, extra));
        minority.add(node);
        List<Integer> rest = new ArrayList<>(others.subList(extra, others.size()));
        setLinks(minority, rest, true);
        setLinks(rest, minority, true);
        events.after(healDelay(), () -> {
            setLinks(minority, rest, false);
            setLinks(rest, minority, false);
        });
    }

    /** Blocks traffic from one group to the rest but not back. */
    private void oneWayPartition() {
        List<Integer> ids = shuffledNodeIds();
        int cut = 1 + random.nextInt(Math.max(1, ids.size() - 1));
        List<Integer> from = ids.subList(0, cut);
        List<Integer> to = ids.subList(cut, ids.size());
        setLinks(from, to, true);
        events.after(healDelay(), () -> setLinks(from, to, false));
    }

    private void setLinks(List<Integer> from, List<Integer> to, boolean block) {
        for (int f : from) {
            for (int t : to) {
                if (block) {
                    network.block(f, t);
                } else {
                    network.unblock(f, t);
                }
            }
        }
    }

    /**
     * Clogs a random set of nodes one by one, then unclogs them in a different random order. At
     * most a few nodes, so a swizzle in a large cluster does not last for seconds.
     */
    private void swizzleClog() {
        List<Integer> ids = shuffledNodeIds();
        int count = 1 + random.nextInt(Math.min(ids.size(), MAX_SWIZZLED));
        long t = events.nowMicros();
        List<Long> clogStart = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            t += 10_000 + random.nextLong(60_000);
            clogStart.add(t);
        }
        List<Integer> unclogOrder = shuffle(new ArrayList<>(ids.subList(0, count)));
        long u = t;
        for (int node : unclogOrder) {
            u += 10_000 + random.nextLong(60_000);
            long start = clogStart.get(ids.indexOf(node));
            long until = u;
            events.at(start, () -> {
                if (!healed) {
                    network.clog(node, until);
                }
            });
        }
    }

    /**
     * Crashes one node, or cuts power to a majority or to the whole cluster at once: acknowledged
     * but unsynced writes then vanish from several replicas together.
     */
    private void crash() {
        int dice = random.nextInt(10);
        if (dice < 6) {
            crashOne();
            return;
        }
        List<Integer> ids = shuffledNodeIds();
        int victims = dice < 8 ? ids.size() / 2 + 1 : ids.size();
        for (int id : ids.subList(0, victims)) {
            crashAndRestartLater(nodes.get(id - 1));
        }
    }

    /** Crashes a random live node, half the time a leader, and restarts it later. */
    private void crashOne() {
        SimNode node = nodes.get(random.nextInt(nodes.size()));
        if (random.nextBoolean()) {
            node = nodes.stream().filter(n -> n.isUp() && n.role() == Role.LEADER).findFirst().orElse(node);
        }
        crashAndRestartLater(node);
    }

    /**
     * Wipes the storage of a live replica, half the time a follower that is up to date, and
     * restarts it in repair mode later. Skipped while another replica repairs or the group has
     * fewer than three voters: losing more than that is damage beyond what the group tolerates
     * (the repaired replicas would wait for a quorum of intact ones forever).
     */
    private void wipe() {
        SimNode leader = SimNode.currentLeader(nodes);
        if (leader == null || leader.engine().status().confState().voters().size() < 3
                || nodes.stream().anyMatch(n -> n.hasStarted() && n.repairing())) {
            return;
        }
        List<SimNode> candidates = nodes.stream().filter(SimNode::isUp).toList();
        SimNode node = candidates.get(random.nextInt(candidates.size()));
        if (random.nextBoolean()) {
            long last = leader.engine().status().lastIndex();
            node = candidates.stream().filter(n -> n != leader && n.engine().status().lastIndex() == last)
                    .findFirst().orElse(node);
        }
        node.wipe();
        SimNode wiped = node;
        events.after(10_000 + random.nextLong(300_000), () -> {
            if (!healed && !wiped.isUp()) {
                wiped.start();
            }
        });
    }

    private void crashAndRestartLater(SimNode node) {
        if (!node.isUp()) {
            return;
        }
        node.crash(active.contains(Fault.LOSE_UNSYNCED) && random.nextInt(3) != 0);
        events.after(30_000 + random.nextLong(500_000), () -> {
            if (!healed && !node.isUp()) {
                node.start();
            }
        });
    }
}
