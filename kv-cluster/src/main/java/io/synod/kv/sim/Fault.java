package io.synod.kv.sim;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** A kind of fault the simulator can inject during the safety phase. */
public enum Fault {
    /** Latency spikes on some messages. */
    DELAY,
    /** Messages lost. */
    DROP,
    /** Messages delivered twice. */
    DUPLICATE,
    /** Per-message latency jitter, so messages overtake each other (links are FIFO otherwise). */
    REORDER,
    /** The cluster is split into two groups that cannot talk. */
    PARTITION,
    /** One-way partitions: A cannot reach B while B still reaches A. */
    ASYMMETRIC,
    /** FoundationDB's swizzle-clogging: clog nodes one by one, then unclog them in random order. */
    CLOG,
    /** Nodes crash, losing all memory, and restart later from their disk. */
    CRASH,
    /** A crash also loses writes that were not fsynced yet. */
    LOSE_UNSYNCED,
    /**
     * A replica's storage is found damaged: it crashes, its disk is wiped, and it restarts in
     * repair mode (empty, term and vote kept, out of elections until it caught up past what it
     * held). At most one replica repairs at a time, so the damage stays within what the group
     * tolerates.
     */
    WIPE,
    /**
     * Membership churn: spare nodes join as learners and are promoted, voters (the leader too)
     * are removed, and leadership is handed over now and then.
     */
    MEMBERSHIP;

    /**
     * Parses a comma-separated list of fault names (case-insensitive), {@code all} or {@code none}.
     *
     * @throws IllegalArgumentException naming the unknown fault and the accepted names
     */
    public static Set<Fault> parseList(String text) {
        EnumSet<Fault> faults = EnumSet.noneOf(Fault.class);
        for (String raw : text.split(",")) {
            String name = raw.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            if (name.isEmpty() || name.equals("NONE")) {
                continue;
            }
            if (name.equals("ALL")) {
                faults.addAll(EnumSet.allOf(Fault.class));
                continue;
            }
            try {
                faults.add(Fault.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown fault '" + raw.trim() + "'; expected all, none or a list of "
                        + EnumSet.allOf(Fault.class).toString().toLowerCase(Locale.ROOT), e);
            }
        }
        return faults;
    }

    /**
     * An unmodifiable copy that iterates in declaration order: {@code Set.copyOf} iterates in an
     * order salted per JVM, which would make printed runs and any iteration differ between JVMs.
     */
    public static Set<Fault> sortedCopy(Set<Fault> faults) {
        EnumSet<Fault> copy = EnumSet.noneOf(Fault.class);
        copy.addAll(faults);
        return Collections.unmodifiableSet(copy);
    }
}
