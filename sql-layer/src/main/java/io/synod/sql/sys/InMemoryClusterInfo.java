package io.synod.sql.sys;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link ClusterInfo} whose state is set by its owner: the in-process engine
 * ({@code jdbc:synod:mem:}) describes itself with it, and tests put in exactly the cluster they
 * want the {@code sys} tables to show. Thread-safe.
 */
public final class InMemoryClusterInfo implements ClusterInfo {

    private final int logCapacity;
    private final Map<Long, NodeInfo> nodes = new TreeMap<>();
    private final Map<Long, GroupInfo> groups = new TreeMap<>();
    private final Map<List<Long>, ReplicaInfo> replicas = new TreeMap<>(
            Comparator.<List<Long>, Long>comparing(k -> k.get(0)).thenComparing(k -> k.get(1)));
    private final Deque<LogEntryInfo> log = new ArrayDeque<>();
    private final Map<Long, NodeStats> stats = new TreeMap<>();

    /** Keeps at most {@code logCapacity} log entries, dropping the oldest. */
    public InMemoryClusterInfo(int logCapacity) {
        if (logCapacity < 0) {
            throw new IllegalArgumentException("logCapacity must be >= 0: " + logCapacity);
        }
        this.logCapacity = logCapacity;
    }

    /** One node, up, leading group 0 alone: what a single in-process store looks like. */
    public static InMemoryClusterInfo singleNode(String address) {
        InMemoryClusterInfo info = new InMemoryClusterInfo(1000);
        info.putNode(new NodeInfo(1, address, true));
        info.putGroup(new GroupInfo(0, 1, 1, 0, 1, 0));
        info.putReplica(new ReplicaInfo(0, 1, "LEADER", 1, 0, 0, 0, 0));
        return info;
    }

    public synchronized void putNode(NodeInfo node) {
        nodes.put(node.id(), node);
    }

    public synchronized void putGroup(GroupInfo group) {
        groups.put(group.id(), group);
    }

    public synchronized void putReplica(ReplicaInfo replica) {
        replicas.put(List.of(replica.groupId(), replica.nodeId()), replica);
    }

    public synchronized void putNodeStats(NodeStats nodeStats) {
        stats.put(nodeStats.nodeId(), nodeStats);
    }

    /** Records a newly appended log entry. */
    public synchronized void appendLog(LogEntryInfo entry) {
        log.addFirst(entry);
        while (log.size() > logCapacity) {
            log.removeLast();
        }
    }

    @Override
    public synchronized List<NodeInfo> nodes() {
        return List.copyOf(nodes.values());
    }

    @Override
    public synchronized List<GroupInfo> groups() {
        return List.copyOf(groups.values());
    }

    @Override
    public synchronized List<ReplicaInfo> replicas() {
        return List.copyOf(replicas.values());
    }

    @Override
    public synchronized List<LogEntryInfo> recentLog(int limit) {
        List<LogEntryInfo> out = new ArrayList<>(Math.min(limit, log.size()));
        for (LogEntryInfo e : log) {
            if (out.size() >= limit) {
                break;
            }
            out.add(e);
        }
        return out;
    }

    @Override
    public synchronized List<NodeStats> nodeStats() {
        return List.copyOf(stats.values());
    }
}
