package io.synod.tools.keygen;

import io.synod.crypto.key.ClusterKeys;
import io.synod.crypto.key.NodeKeyPair;
import io.synod.crypto.key.PublicKey;
import io.synod.crypto.keyfile.ClusterKeysFile;
import io.synod.crypto.keyfile.PrivateKeyFile;
import io.synod.tools.UserError;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** {@code synod keygen}: Ed25519 key files for PBFT replicas. */
@Command(
        name = "keygen",
        header = "Generates Ed25519 keys for PBFT replicas.",
        mixinStandardHelpOptions = true,
        description = {"Generates Ed25519 keys for PBFT replicas. --node-id writes one node's private key",
            "file and prints the line to add to the cluster keys file; --nodes writes the private key",
            "files of nodes 1..N and the cluster keys file every replica loads. Private key files are",
            "owner read/write only (0600); nodes refuse to load them otherwise. Existing files are",
            "kept unless --force is given."},
        footer = {"", "Files written in DIR:",
            "  node-ID.key     a node's private key (keep secret, give to that node only)",
            "  " + KeygenCommand.CLUSTER_KEYS_FILE + "    every node's public key (give to all nodes)",
            "", "Examples:", "  synod keygen --nodes 4 --out keys", "  synod keygen --node-id 5 --out keys"})
public final class KeygenCommand implements Callable<Integer> {

    static final String CLUSTER_KEYS_FILE = "cluster.keys";
    /** Certificates carry at most 1024 signatures (see CertificateCodec), so no cluster is larger. */
    private static final int MAX_NODES = 1024;

    /** Exactly one of the two: one node, or a whole cluster. */
    static final class Which {
        @Option(names = "--node-id", paramLabel = "ID", required = true,
                description = "Generate the key of this one node (a positive number).")
        Long nodeId;

        @Option(names = "--nodes", paramLabel = "N", required = true,
                description = "Generate keys for nodes 1..N and the cluster keys file (n = 3f+1: 4, 7, 10...).")
        Integer nodes;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Which which;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Directory to write the key files into (created if missing).")
    private Path out;

    @Option(names = "--force", description = "Replace key files that already exist.")
    private boolean force;

    @Override
    public Integer call() {
        List<NodeKeyPair> keys = generate();
        List<Path> targets = new ArrayList<>();
        keys.forEach(k -> targets.add(out.resolve("node-" + k.nodeId() + ".key")));
        boolean cluster = which.nodes != null;
        if (cluster) {
            targets.add(out.resolve(CLUSTER_KEYS_FILE));
        }
        prepareDirectory(targets);
        List<Path> created = new ArrayList<>();
        try {
            for (int i = 0; i < keys.size(); i++) {
                Path file = targets.get(i);
                NodeKeyPair key = keys.get(i);
                write(file, created, () -> PrivateKeyFile.write(file, key, force));
            }
            if (cluster) {
                Map<Long, PublicKey> members = new TreeMap<>();
                keys.forEach(k -> members.put(k.nodeId(), k.publicKey()));
                Path file = targets.get(targets.size() - 1);
                write(file, created, () -> ClusterKeysFile.write(file, ClusterKeys.of(members), force));
            }
        } catch (UserError e) {
            // Leave no half-written cluster behind: remove the files this run created.
            created.forEach(KeygenCommand::deleteQuietly);
            throw e;
        }
        report(keys, targets, cluster);
        return 0;
    }

    private List<NodeKeyPair> generate() {
        SecureRandom random = new SecureRandom();
        List<NodeKeyPair> keys = new ArrayList<>();
        if (which.nodeId != null) {
            if (which.nodeId <= 0) {
                throw new UserError("--node-id must be a positive number, not " + which.nodeId);
            }
            keys.add(NodeKeyPair.generate(which.nodeId, random));
        } else {
            if (which.nodes < 1 || which.nodes > MAX_NODES) {
                throw new UserError("--nodes must be from 1 to " + MAX_NODES + ", not " + which.nodes);
            }
            for (long id = 1; id <= which.nodes; id++) {
                keys.add(NodeKeyPair.generate(id, random));
            }
        }
        return keys;
    }

    /** Creates the directory and checks every target before writing any, so a refusal writes nothing. */
    private void prepareDirectory(List<Path> targets) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UserError(out + " is not a directory");
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UserError("cannot create directory " + out + ": " + reason(e));
        }
        if (!Files.isWritable(out)) {
            throw new UserError("cannot write to " + out + ": permission denied");
        }
        if (!force) {
            for (Path target : targets) {
                if (Files.exists(target)) {
                    throw new UserError(target + " already exists; use --force to replace it");
                }
            }
        }
    }

    private interface FileWrite {
        void run() throws IOException;
    }

    private static void write(Path target, List<Path> created, FileWrite write) {
        boolean existed = Files.exists(target);
        try {
            write.run();
        } catch (FileAlreadyExistsException e) {
            throw new UserError(target + " already exists; use --force to replace it");
        } catch (IOException e) {
            throw new UserError("cannot write " + target + ": " + reason(e));
        }
        if (!existed) {
            created.add(target);
        }
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(Locale.ROOT);
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file is in the way";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // Best effort: the write that failed is what the user is told about.
        }
    }

    private static void report(List<NodeKeyPair> keys, List<Path> targets, boolean cluster) {
        for (int i = 0; i < keys.size(); i++) {
            System.out.println("wrote " + targets.get(i) + " (node " + keys.get(i).nodeId() + ", private, mode 0600)");
        }
        if (cluster) {
            System.out.println("wrote " + targets.get(targets.size() - 1) + " (public keys of " + keys.size()
                    + " nodes; give it to every node)");
        } else {
            NodeKeyPair key = keys.get(0);
            System.out.println("add this line to every node's " + CLUSTER_KEYS_FILE + " (and count it in its 'nodes:' line):");
            System.out.println("node." + key.nodeId() + ": " + key.publicKey().toHex());
        }
    }
}
