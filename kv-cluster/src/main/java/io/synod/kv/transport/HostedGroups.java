package io.synod.kv.transport;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The consensus groups a node hosts a replica of, with each group's current members. */
@FunctionalInterface
public interface HostedGroups {

    /** The member node ids of {@code groupId}, or empty if this node hosts no replica of it. */
    Optional<Set<Long>> membersOf(long groupId);

    /** A fixed registry, copied from {@code membersByGroup}. */
    static HostedGroups of(Map<Long, ? extends Set<Long>> membersByGroup) {
        Map<Long, Set<Long>> copy = new TreeMap<>();
        membersByGroup.forEach((group, members) -> copy.put(group, Set.copyOf(new TreeSet<>(members))));
        return groupId -> Optional.ofNullable(copy.get(groupId));
    }
}
