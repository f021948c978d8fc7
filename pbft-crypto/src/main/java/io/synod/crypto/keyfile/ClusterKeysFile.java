package io.synod.crypto.keyfile;

import io.synod.crypto.key.ClusterKeys;
import io.synod.crypto.key.PublicKey;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The public keys of every replica, which each replica loads to check the others' signatures.
 * Text (see {@link KeyFileText}), not secret (mode 0644):
 *
 * <pre>
 *   # Synod cluster public keys: one line per replica, node.ID: public key in hex
 *   format: synod-cluster-keys/1
 *   type: ed25519
 *   nodes: 4
 *   node.1: 64 hex digits
 *   node.2: 64 hex digits
 *   ...
 * </pre>
 *
 * The {@code nodes} count makes a file that lost whole lines at its end an error instead of a
 * smaller cluster.
 */
public final class ClusterKeysFile {

    public static final String FORMAT = "synod-cluster-keys/1";
    private static final String NODE_PREFIX = "node.";

    private ClusterKeysFile() {
    }

    /**
     * Writes the cluster's public keys.
     *
     * @throws java.nio.file.FileAlreadyExistsException if the file exists and {@code overwrite} is false
     */
    public static void write(Path file, ClusterKeys keys, boolean overwrite) throws IOException {
        StringBuilder text = new StringBuilder()
                .append("# Synod cluster public keys: one line per replica, node.ID: public key in hex\n")
                .append("format: ").append(FORMAT).append('\n')
                .append("type: ed25519\n")
                .append("nodes: ").append(keys.size()).append('\n');
        keys.asMap().forEach((id, key) -> text.append(NODE_PREFIX).append(id).append(": ").append(key.toHex())
                .append('\n'));
        KeyFileWriter.write(file, text.toString(), KeyFileWriter.WORLD_READABLE, overwrite);
    }

    /**
     * Reads the cluster's public keys.
     *
     * @throws KeyFileException if the file is malformed, truncated, of another type, lists another
     *                          number of nodes than it says, or gives two nodes the same key
     */
    public static ClusterKeys read(Path file) throws IOException {
        Map<String, String> fields = KeyFileText.read(file, FORMAT);
        KeyFileText.requireEd25519(file, fields);
        int expected = nodeCount(file, KeyFileText.required(file, fields, "nodes"));
        Map<Long, PublicKey> members = new TreeMap<>();
        for (Map.Entry<String, String> e : fields.entrySet()) {
            String name = e.getKey();
            if (name.equals("format") || name.equals("type") || name.equals("nodes")) {
                continue;
            }
            if (!name.startsWith(NODE_PREFIX)) {
                throw new KeyFileException(file, "unknown field '" + name + "' (expected node.ID lines)");
            }
            long id = KeyFileText.nodeId(file, name, name.substring(NODE_PREFIX.length()));
            byte[] encoded = KeyFileText.hex(file, name, e.getValue(), PublicKey.SIZE);
            try {
                if (members.put(id, PublicKey.of(encoded)) != null) {
                    throw new KeyFileException(file, "node " + id + " is listed twice");
                }
            } catch (IllegalArgumentException bad) {
                throw new KeyFileException(file, "'" + name + "': " + bad.getMessage());
            }
        }
        if (members.size() != expected) {
            throw new KeyFileException(file, "lists " + members.size() + " of its " + expected
                    + " nodes (truncated file?)");
        }
        try {
            return ClusterKeys.of(members);
        } catch (IllegalArgumentException bad) {
            throw new KeyFileException(file, bad.getMessage());
        }
    }

    private static int nodeCount(Path file, String value) throws KeyFileException {
        try {
            int count = Integer.parseInt(value);
            if (count > 0) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new KeyFileException(file, "'nodes' must be a positive number, not '" + value + "'");
    }
}
