package io.synod.crypto.keyfile;

import io.synod.crypto.key.NodeKeyPair;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * A node's private key file. Text (see {@link KeyFileText}), owner read/write only (0600):
 *
 * <pre>
 *   # Synod node private key. Keep it secret: owner read/write only (chmod 600).
 *   format: synod-node-key/1
 *   type: ed25519
 *   node-id: 3
 *   public-key: 64 hex digits (the RFC 8032 public key)
 *   private-key: 64 hex digits (the RFC 8032 private key, a 32-byte seed)
 * </pre>
 *
 * Loading refuses a file that group or others may read or write, and one whose public key is not
 * the private key's (an edited or corrupted file), so a replica never starts with a leaked or
 * mismatched identity.
 */
public final class PrivateKeyFile {

    public static final String FORMAT = "synod-node-key/1";

    private PrivateKeyFile() {
    }

    /**
     * Writes the key pair with mode 0600.
     *
     * @throws java.nio.file.FileAlreadyExistsException if the file exists and {@code overwrite} is false
     */
    public static void write(Path file, NodeKeyPair keys, boolean overwrite) throws IOException {
        String text = "# Synod node private key. Keep it secret: owner read/write only (chmod 600).\n"
                + "format: " + FORMAT + "\n"
                + "type: ed25519\n"
                + "node-id: " + keys.nodeId() + "\n"
                + "public-key: " + keys.publicKey().toHex() + "\n"
                + "private-key: " + HexFormat.of().formatHex(keys.privateKeyBytes()) + "\n";
        KeyFileWriter.write(file, text, KeyFileWriter.OWNER_ONLY, overwrite);
    }

    /**
     * Reads a node's key pair.
     *
     * @throws KeyFileException if the file is readable by group or others, malformed, truncated, of
     *                          another type, or its keys do not match
     */
    public static NodeKeyPair read(Path file) throws IOException {
        checkOwnerOnly(file);
        Map<String, String> fields = KeyFileText.read(file, FORMAT);
        KeyFileText.requireEd25519(file, fields);
        long nodeId = KeyFileText.nodeId(file, "node-id", KeyFileText.required(file, fields, "node-id"));
        byte[] privateKey = KeyFileText.hex(file, "private-key", KeyFileText.required(file, fields, "private-key"),
                NodeKeyPair.PRIVATE_KEY_SIZE);
        String publicHex = KeyFileText.required(file, fields, "public-key");
        NodeKeyPair keys = NodeKeyPair.fromPrivateKey(nodeId, privateKey);
        if (!keys.publicKey().toHex().equalsIgnoreCase(publicHex)) {
            throw new KeyFileException(file, "'public-key' is not the public key of 'private-key' (file edited or"
                    + " corrupted?)");
        }
        for (String name : fields.keySet()) {
            if (!Set.of("format", "type", "node-id", "public-key", "private-key").contains(name)) {
                throw new KeyFileException(file, "unknown field '" + name + "'");
            }
        }
        return keys;
    }

    private static void checkOwnerOnly(Path file) throws IOException {
        if (!KeyFileWriter.isPosix() || !Files.exists(file)) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        for (PosixFilePermission p : permissions) {
            if (!p.name().startsWith("OWNER_")) {
                throw new KeyFileException(file, "private key is accessible by group or others (mode "
                        + PosixFilePermissions.toString(permissions) + "); run: chmod 600 " + file);
            }
        }
    }
}
