package io.synod.kv.service;

import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where each node of the cluster listens: node id -> "host:port". Filled from the node's
 * configuration (its peers) and updated by membership changes that name an address.
 * Thread-safe.
 */
public final class NodeDirectory {

    private final Map<Long, String> addresses = new ConcurrentHashMap<>();

    public NodeDirectory() {
    }

    public NodeDirectory(Map<Long, String> initial) {
        initial.forEach(this::put);
    }

    public void put(long nodeId, String address) {
        if (nodeId <= 0) {
            throw new IllegalArgumentException("node id must be positive: " + nodeId);
        }
        addresses.put(nodeId, checkAddress(address));
    }

    public void remove(long nodeId) {
        addresses.remove(nodeId);
    }

    public Optional<String> address(long nodeId) {
        return Optional.ofNullable(addresses.get(nodeId));
    }

    /** A copy, ordered by node id. */
    public SortedMap<Long, String> all() {
        return new TreeMap<>(addresses);
    }

    /** Accepts "host:port" with a port in 1..65535; returns it unchanged. */
    static String checkAddress(String address) {
        int colon = address == null ? -1 : address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException("address must be host:port, got '" + address + "'");
        }
        try {
            int port = Integer.parseInt(address.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port out of range in '" + address + "'");
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("address must be host:port, got '" + address + "'");
        }
        return address;
    }
}
