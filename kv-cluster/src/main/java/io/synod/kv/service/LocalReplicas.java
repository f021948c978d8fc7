package io.synod.kv.service;

import io.synod.kv.runtime.GroupReplica;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The replicas this node hosts, by group id, as the client-facing services see them. Thread-safe. */
public final class LocalReplicas {

    /** Requests naming group 0 go to this group. */
    public static final long DEFAULT_GROUP = 1;

    private final long nodeId;
    private final Map<Long, GroupReplica<?>> byGroup = new ConcurrentHashMap<>();

    public LocalReplicas(long nodeId) {
        this.nodeId = nodeId;
    }

    public long nodeId() {
        return nodeId;
    }

    public void add(GroupReplica<?> replica) {
        if (replica.nodeId() != nodeId) {
            throw new IllegalArgumentException("replica of node " + replica.nodeId() + " added to node " + nodeId);
        }
        byGroup.put(replica.groupId(), replica);
    }

    public void remove(long groupId) {
        byGroup.remove(groupId);
    }

    public Optional<GroupReplica<?>> find(long groupId) {
        return Optional.ofNullable(byGroup.get(groupId));
    }

    /** The group a request addresses: 0 means {@link #DEFAULT_GROUP}. */
    public static long resolve(long groupId) {
        return groupId == 0 ? DEFAULT_GROUP : groupId;
    }
}
