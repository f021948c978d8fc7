package io.synod.tools.node;

import io.synod.kv.node.NodeConfig;
import io.synod.kv.node.StateStoreKind;
import io.synod.kv.runtime.ConsensusProtocol;
import io.synod.tools.UserError;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The settings of {@code synod node} as "key -> text", merged from a config file (Java
 * properties whose keys are the flag names without the leading dashes) and the flags, which win; then
 * parsed into a {@link NodeConfig}. Every mistake is a {@link UserError} naming the key.
 */
final class NodeOptions {

    static final String ID = "id";
    static final String LISTEN = "listen";
    static final String PEERS = "peers";
    static final String DATA_DIR = "data-dir";
    static final String CLUSTER_ID = "cluster-id";
    static final String CONSENSUS = "consensus";
    static final String TEST_FAULTS = "test-faults";
    static final String TICK_MS = "tick-ms";
    static final String ELECTION_TICKS = "election-ticks";
    static final String HEARTBEAT_TICKS = "heartbeat-ticks";
    static final String SNAPSHOT_THRESHOLD = "snapshot-threshold";
    static final String STATE_STORE = "state-store";

    private static final Set<String> KEYS = Set.of(ID, LISTEN, PEERS, DATA_DIR, CLUSTER_ID, CONSENSUS, TEST_FAULTS,
            TICK_MS, ELECTION_TICKS, HEARTBEAT_TICKS, SNAPSHOT_THRESHOLD, STATE_STORE);

    private final Map<String, String> values = new TreeMap<>();

    /** Loads {@code file}; unknown keys are refused so that typos do not pass silently. */
    void loadFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new UserError("config file " + file + " does not exist");
        } catch (IOException | IllegalArgumentException e) {
            throw new UserError("cannot read config file " + file + ": " + e.getMessage());
        }
        Set<String> unknown = new TreeSet<>(properties.stringPropertyNames());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new UserError("config file " + file + ": unknown key(s) " + unknown + "; known keys: "
                    + new TreeSet<>(KEYS));
        }
        properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k).trim()));
    }

    /** A flag's value, overriding the file's; null leaves the file's value. */
    void override(String key, Object value) {
        if (value != null) {
            values.put(key, value.toString());
        }
    }

    NodeConfig toConfig() {
        long id = parseLong(ID, require(ID));
        String listen = require(LISTEN);
        Map<Long, String> peers = parsePeers(values.getOrDefault(PEERS, ""));
        NodeConfig base = NodeConfig.of(id, listen, peers, Path.of(require(DATA_DIR)).toAbsolutePath());
        Duration tick = Duration.ofMillis(parseLong(TICK_MS, values.getOrDefault(TICK_MS,
                Long.toString(base.tickInterval().toMillis()))));
        int election = (int) parseLong(ELECTION_TICKS, values.getOrDefault(ELECTION_TICKS,
                Integer.toString(base.electionTicks())));
        int heartbeat = (int) parseLong(HEARTBEAT_TICKS, values.getOrDefault(HEARTBEAT_TICKS,
                Integer.toString(base.heartbeatTicks())));
        long threshold = parseLong(SNAPSHOT_THRESHOLD, values.getOrDefault(SNAPSHOT_THRESHOLD,
                Long.toString(base.snapshotThreshold())));
        return base.withClusterId(values.getOrDefault(CLUSTER_ID, NodeConfig.DEFAULT_CLUSTER_ID))
                .withConsensus(values.getOrDefault(CONSENSUS, ConsensusProtocol.RAFT.configName()))
                .withTicks(tick, election, heartbeat)
                .withSnapshotThreshold(threshold)
                .withTestFaults(parseBoolean(TEST_FAULTS, values.getOrDefault(TEST_FAULTS, "false")))
                .withStateStore(parseStateStore(values.getOrDefault(STATE_STORE, base.stateStore().flagValue())));
    }

    private static StateStoreKind parseStateStore(String text) {
        try {
            return StateStoreKind.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserError("--" + STATE_STORE + ": " + e.getMessage());
        }
    }

    /** "1=host:port,2=host:port" into id -> address. */
    static Map<Long, String> parsePeers(String text) {
        Map<Long, String> peers = new TreeMap<>();
        for (String item : text.split(",")) {
            String entry = item.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new UserError("--peers wants ID=HOST:PORT items separated by commas, got '" + entry + "'");
            }
            long id = parseLong(PEERS, entry.substring(0, eq).trim());
            if (peers.put(id, entry.substring(eq + 1).trim()) != null) {
                throw new UserError("--peers names node " + id + " twice");
            }
        }
        return peers;
    }

    private String require(String key) {
        String value = values.get(key);
        if (value == null || value.isEmpty()) {
            throw new UserError("missing --" + key + " (give the flag or set '" + key + "' in the --config file)");
        }
        return value;
    }

    private static long parseLong(String key, String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new UserError("--" + key + " wants a whole number, got '" + text + "'");
        }
    }

    private static boolean parseBoolean(String key, String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new UserError("--" + key + " wants true or false, got '" + text + "'");
        };
    }
}
