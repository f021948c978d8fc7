package io.synod.kv.consensus.pbft;

import java.util.List;
import java.util.SortedSet;

/** Byzantine quorum arithmetic for n replicas: f = (n - 1) / 3 faulty tolerated, quorums of n - f. */
public record PbftQuorum(List<Long> replicas) {

    public PbftQuorum {
        replicas = List.copyOf(replicas);
        if (replicas.isEmpty()) {
            throw new IllegalArgumentException("PBFT needs at least one replica");
        }
    }

    public static PbftQuorum of(SortedSet<Long> voters) {
        return new PbftQuorum(List.copyOf(voters));
    }

    public int n() {
        return replicas.size();
    }

    public int f() {
        return (n() - 1) / 3;
    }

    /** 2f+1 when n = 3f+1: any two quorums share a correct replica. */
    public int quorum() {
        return n() - f();
    }

    /** f+1: at least one of them is correct. */
    public int weak() {
        return f() + 1;
    }

    public long primary(long view) {
        return replicas.get((int) Math.floorMod(view, (long) n()));
    }

    public boolean contains(long id) {
        return replicas.contains(id);
    }
}
