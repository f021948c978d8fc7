package io.synod.sql.sys;

import io.synod.kv.client.AdminClient;
import io.synod.kv.client.KvException;
import io.synod.kv.client.MemberInfo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@link ClusterInfo} of a running kv cluster, through its admin API. One group-wide status call
 * gives the members (nodes, replicas, lag); each member is then probed on its own with a
 * local-only status call, whose round trip is the node's latency sample. Applied-entries
 * throughput is the applied index's progress between two refreshes. Answers are cached for
 * {@code refreshInterval} so a query joining several {@code sys} tables sees one snapshot and
 * does not multiply calls. The recent log is asked of the leader at each scan of {@code sys.log}.
 */
public final class AdminClusterInfo implements ClusterInfo, AutoCloseable {

    private static final int LATENCY_WINDOW = 256;

    private final long groupId;
    private final AdminClient group;
    private final Duration probeTimeout;
    private final Duration refreshInterval;
    private final ExecutorService probeThreads;
    private final Map<String, AdminClient> probes = new ConcurrentHashMap<>();
    private final Map<Long, LatencyWindow> latencies = new ConcurrentHashMap<>();

    private Snapshot snapshot;

    /** What one refresh saw. */
    private record Snapshot(long takenNanos, List<MemberInfo> members, Map<Long, Boolean> up,
                            Map<Long, Double> appliedPerSecond) {
    }

    public AdminClusterInfo(List<String> endpoints, long groupId, Duration probeTimeout, Duration refreshInterval) {
        this.groupId = groupId;
        this.group = new AdminClient(endpoints, groupId, probeTimeout);
        this.probeTimeout = probeTimeout;
        this.refreshInterval = refreshInterval;
        this.probeThreads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "synod-sys-probe");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public List<NodeInfo> nodes() {
        Snapshot s = current();
        return s.members().stream()
                .map(m -> new NodeInfo(m.nodeId(), m.address(), s.up().getOrDefault(m.nodeId(), false)))
                .toList();
    }

    @Override
    public List<GroupInfo> groups() {
        List<MemberInfo> members = current().members();
        MemberInfo leader = members.stream().filter(m -> "LEADER".equals(m.role())).findFirst().orElse(null);
        long term = members.stream().mapToLong(MemberInfo::term).max().orElse(0);
        long commit = leader != null ? leader.commitIndex()
                : members.stream().mapToLong(MemberInfo::commitIndex).max().orElse(0);
        int learners = (int) members.stream().filter(MemberInfo::learner).count();
        return List.of(new GroupInfo(groupId, leader == null ? 0 : leader.nodeId(), term, commit,
                members.size() - learners, learners));
    }

    @Override
    public List<ReplicaInfo> replicas() {
        return current().members().stream()
                .map(m -> new ReplicaInfo(groupId, m.nodeId(), m.learner() && !"UNREACHABLE".equals(m.role())
                        ? "LEARNER" : m.role(), m.term(), m.commitIndex(), m.appliedIndex(), m.lastIndex(), m.lag()))
                .toList();
    }

    /** The leader's newest entries, summarised by the admin API (no payloads, no append times). */
    @Override
    public List<LogEntryInfo> recentLog(int limit) {
        return group.recentLog(limit).stream()
                .map(e -> new LogEntryInfo(groupId, e.getIndex(), e.getTerm(), e.getKind(), e.getSizeBytes(), null))
                .toList();
    }

    @Override
    public List<NodeStats> nodeStats() {
        Snapshot s = current();
        List<NodeStats> out = new ArrayList<>();
        for (MemberInfo m : s.members()) {
            LatencyWindow w = latencies.get(m.nodeId());
            out.add(new NodeStats(m.nodeId(), s.appliedPerSecond().getOrDefault(m.nodeId(), Double.NaN),
                    w == null ? Double.NaN : w.percentile(0.50), w == null ? Double.NaN : w.percentile(0.99),
                    w == null ? Double.NaN : w.percentile(1.0), w == null ? 0 : w.size()));
        }
        return out;
    }

    private synchronized Snapshot current() {
        long now = System.nanoTime();
        if (snapshot == null || now - snapshot.takenNanos() >= refreshInterval.toNanos()) {
            snapshot = refresh(snapshot);
        }
        return snapshot;
    }

    private Snapshot refresh(Snapshot previous) {
        List<MemberInfo> members = new ArrayList<>(group.status());
        members.sort(Comparator.comparingLong(MemberInfo::nodeId));
        Map<Long, CompletableFuture<Boolean>> probed = new HashMap<>();
        for (MemberInfo m : members) {
            probed.put(m.nodeId(), CompletableFuture.supplyAsync(() -> probe(m), probeThreads));
        }
        long taken = System.nanoTime();
        Map<Long, Boolean> up = new HashMap<>();
        probed.forEach((id, f) -> up.put(id, f.join()));
        Map<Long, Double> rates = new HashMap<>();
        if (previous != null) {
            double seconds = (taken - previous.takenNanos()) / 1e9;
            for (MemberInfo m : members) {
                previous.members().stream().filter(p -> p.nodeId() == m.nodeId()).findFirst()
                        .filter(p -> m.appliedIndex() >= p.appliedIndex() && !"UNREACHABLE".equals(m.role()))
                        .ifPresent(p -> rates.put(m.nodeId(), (m.appliedIndex() - p.appliedIndex()) / seconds));
            }
        }
        return new Snapshot(taken, List.copyOf(members), up, rates);
    }

    /** One timed local status call to {@code member}; false when it did not answer in time. */
    private boolean probe(MemberInfo member) {
        if (member.address() == null || member.address().isEmpty()) {
            return false;
        }
        AdminClient client = probes.computeIfAbsent(member.address(),
                a -> new AdminClient(List.of(a), groupId, probeTimeout));
        long start = System.nanoTime();
        try {
            client.localStatus();
        } catch (KvException e) {
            return false;
        }
        latencies.computeIfAbsent(member.nodeId(), id -> new LatencyWindow(LATENCY_WINDOW))
                .add((System.nanoTime() - start) / 1e6);
        return true;
    }

    @Override
    public void close() {
        probeThreads.shutdownNow();
        probes.values().forEach(AdminClient::close);
        group.close();
    }
}
