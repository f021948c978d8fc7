package io.synod.crypto.keyfile;

import io.synod.crypto.TestClusters;
import io.synod.crypto.key.ClusterKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterKeysFileTest {

    @TempDir
    Path dir;

    private final ClusterKeys keys = TestClusters.of(4).keys();

    @Test
    void roundTripsAndIsReadableByAll() throws IOException {
        Path file = dir.resolve("cluster-keys");
        ClusterKeysFile.write(file, keys, false);
        assertThat(ClusterKeysFile.read(file)).isEqualTo(keys);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
        assertThat(Files.readAllLines(file)).contains("format: synod-cluster-keys/1", "type: ed25519", "nodes: 4",
                "node.4: " + keys.publicKey(4).orElseThrow().toHex());
        assertThatThrownBy(() -> ClusterKeysFile.write(file, keys, false)).isInstanceOf(FileAlreadyExistsException.class);
    }

    @Test
    void refusesEveryTruncation() throws IOException {
        Path good = dir.resolve("good");
        ClusterKeysFile.write(good, keys, false);
        String text = Files.readString(good);
        for (int length = 0; length < text.length() - 1; length++) {
            Path cut = dir.resolve("cut");
            Files.writeString(cut, text.substring(0, length));
            assertThatThrownBy(() -> ClusterKeysFile.read(cut)).as("first %d characters", length)
                    .isInstanceOf(KeyFileException.class);
        }
    }

    @Test
    void explainsMalformedFiles() throws IOException {
        String k1 = keys.publicKey(1).orElseThrow().toHex();
        String header = "format: synod-cluster-keys/1\ntype: ed25519\nnodes: 2\n";
        expectProblem(header, "lists 0 of its 2 nodes (truncated file?)");
        expectProblem(header + "node.1: " + k1 + "\n", "lists 1 of its 2 nodes (truncated file?)");
        expectProblem(header.replace("nodes: 2", "nodes: two"), "'nodes' must be a positive number, not 'two'");
        expectProblem("format: synod-node-key/1\n", "is a 'synod-node-key/1' file, expected 'synod-cluster-keys/1'");
        expectProblem(header + "node.1: " + k1 + "\nnode.2: " + k1 + "\n",
                "nodes 1 and 2 have the same public key; every node needs its own");
        expectProblem(header + "node.1: " + k1 + "\nnode.01: " + keys.publicKey(2).orElseThrow().toHex() + "\n",
                "node 1 is listed twice");
        expectProblem(header + "node.x: " + k1 + "\n", "'node.x' must be a positive node id, not 'x'");
        expectProblem(header + "node.0: " + k1 + "\n", "'node.0' must be a positive node id, not '0'");
        expectProblem(header + "node.1: " + "ff".repeat(32) + "\n",
                "'node.1': not a valid Ed25519 public key (no such curve point)");
        expectProblem(header + "node.1: " + k1.substring(1) + "\n",
                "'node.1' must be 64 hex digits (32 bytes), got 63 characters");
        expectProblem(header + "node: 4\n", "unknown field 'node' (expected node.ID lines)");
        expectProblem("format: synod-cluster-keys/1\nnode.1: " + k1 + "\n", "missing 'type' (truncated file?)");
        expectProblem("format: synod-cluster-keys/1\ntype: ed25519\nnode.1: " + k1 + "\n",
                "missing 'nodes' (truncated file?)");
    }

    private void expectProblem(String text, String problem) throws IOException {
        Path file = dir.resolve("bad");
        Files.writeString(file, text);
        assertThatThrownBy(() -> ClusterKeysFile.read(file)).as(text).isInstanceOf(KeyFileException.class)
                .hasMessage(file + ": " + problem);
    }
}
