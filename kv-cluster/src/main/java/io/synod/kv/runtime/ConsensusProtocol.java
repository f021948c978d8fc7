package io.synod.kv.runtime;

import java.util.Arrays;
import java.util.List;

/**
 * The consensus protocols a cluster can be created with, by the name tools and configuration
 * use, and the fault model each one tolerates.
 */
public enum ConsensusProtocol {
    RAFT("raft", false),
    MULTIPAXOS("multipaxos", false),
    PBFT("pbft", true);

    private final String configName;
    private final boolean byzantine;

    ConsensusProtocol(String configName, boolean byzantine) {
        this.configName = configName;
        this.byzantine = byzantine;
    }

    /** The name in {@code --consensus} and in a node's configuration. */
    public String configName() {
        return configName;
    }

    /** Whether replicas sign their messages and need each other's public keys. */
    public boolean needsKeys() {
        return byzantine;
    }

    /**
     * Replicas a cluster needs to survive {@code faults} faulty ones: 2f+1 when replicas only
     * crash, 3f+1 when they may lie.
     */
    public int replicasToTolerate(int faults) {
        return (byzantine ? 3 : 2) * faults + 1;
    }

    /** Every protocol's configuration name, in the order tools list them. */
    public static List<String> names() {
        return Arrays.stream(values()).map(ConsensusProtocol::configName).toList();
    }

    /** @throws IllegalArgumentException naming the supported protocols when {@code name} is none of them */
    public static ConsensusProtocol named(String name) {
        for (ConsensusProtocol p : values()) {
            if (p.configName.equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown consensus protocol '" + name + "' (supported: "
                + String.join(", ", names()) + ")");
    }
}
