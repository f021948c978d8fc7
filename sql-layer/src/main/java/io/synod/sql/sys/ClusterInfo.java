package io.synod.sql.sys;

import java.util.List;

/**
 * What the {@code sys} schema shows about the cluster under the SQL layer: its nodes, consensus
 * groups and their replicas, recent log entries and per-node throughput and latency.
 *
 * <p>Implementations answer from a recent snapshot of the cluster's state; every call may block
 * briefly (a status round trip) and must be thread-safe, since any connection may scan a
 * {@code sys} table at any time.
 */
public interface ClusterInfo {

    /** Every node known to the cluster, ordered by id. */
    List<NodeInfo> nodes();

    /** Every consensus group, ordered by id. */
    List<GroupInfo> groups();

    /** Every replica of every group, ordered by group then node. */
    List<ReplicaInfo> replicas();

    /** The most recent log entries (at most {@code limit}), newest first. */
    List<LogEntryInfo> recentLog(int limit);

    /** Throughput and latency per node, ordered by node id. */
    List<NodeStats> nodeStats();
}
