package io.synod.tools.keygen;

import io.synod.crypto.key.ClusterKeys;
import io.synod.crypto.key.NodeKeyPair;
import io.synod.crypto.keyfile.ClusterKeysFile;
import io.synod.crypto.keyfile.PrivateKeyFile;
import io.synod.tools.CliRun.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static io.synod.tools.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class KeygenCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesAWholeClustersKeysThatLoadAndMatch() throws IOException {
        Path keys = dir.resolve("keys");
        Outcome o = run("keygen", "--nodes", "4", "--out", keys.toString());
        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(o.out()).contains("wrote " + keys.resolve("node-1.key")).contains("public keys of 4 nodes");
        ClusterKeys cluster = ClusterKeysFile.read(keys.resolve("cluster.keys"));
        assertThat(cluster.memberIds()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(cluster.quorumSize()).isEqualTo(3);
        for (long id = 1; id <= 4; id++) {
            Path file = keys.resolve("node-" + id + ".key");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            NodeKeyPair pair = PrivateKeyFile.read(file);
            assertThat(pair.nodeId()).isEqualTo(id);
            assertThat(cluster.publicKey(id)).contains(pair.publicKey());
        }
    }

    @Test
    void writesOneNodesKeyAndPrintsItsClusterLine() throws IOException {
        Outcome o = run("keygen", "--node-id", "5", "--out", dir.toString());
        assertThat(o.exitCode()).as(o.err()).isZero();
        NodeKeyPair pair = PrivateKeyFile.read(dir.resolve("node-5.key"));
        assertThat(o.out()).contains("node.5: " + pair.publicKey().toHex());
        assertThat(listing()).containsExactly("node-5.key");
    }

    @Test
    void keepsExistingKeysUnlessForced() throws IOException {
        assertThat(run("keygen", "--nodes", "4", "--out", dir.toString()).exitCode()).isZero();
        String before = Files.readString(dir.resolve("node-2.key"));
        Files.delete(dir.resolve("node-1.key"));
        Outcome refused = run("keygen", "--nodes", "4", "--out", dir.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).isEqualTo("synod keygen: " + dir.resolve("node-2.key")
                + " already exists; use --force to replace it" + System.lineSeparator());
        assertThat(listing()).as("a refusal writes nothing").doesNotContain("node-1.key");
        assertThat(Files.readString(dir.resolve("node-2.key"))).isEqualTo(before);
        assertThat(run("keygen", "--nodes", "4", "--out", dir.toString(), "--force").exitCode()).isZero();
        assertThat(Files.readString(dir.resolve("node-2.key"))).isNotEqualTo(before);
        assertThat(listing()).containsExactlyInAnyOrder("node-1.key", "node-2.key", "node-3.key", "node-4.key",
                "cluster.keys");
    }

    @Test
    void userMistakesGiveOneLineAndExitTwo() throws IOException {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        String[][] cases = {
            {"keygen", "--node-id", "0", "--out", dir.toString()},
            {"keygen", "--node-id", "-3", "--out", dir.toString()},
            {"keygen", "--node-id", "x", "--out", dir.toString()},
            {"keygen", "--nodes", "0", "--out", dir.toString()},
            {"keygen", "--nodes", "2000", "--out", dir.toString()},
            {"keygen", "--out", dir.toString()},
            {"keygen", "--nodes", "4", "--node-id", "1", "--out", dir.toString()},
            {"keygen", "--nodes", "4"},
            {"keygen", "--nodes", "4", "--out", file.toString()},
            {"keygen", "--nodes", "4", "--out", file.resolve("sub").toString()},
        };
        for (String[] args : cases) {
            Outcome o = run(args);
            String what = String.join(" ", args) + " -> " + o.err();
            assertThat(o.exitCode()).as(what).isEqualTo(2);
            assertThat(o.err().lines().count()).as(what).isBetween(1L, 2L);
            assertThat(o.err()).as(what).startsWith("synod keygen: ").doesNotContain("Exception").doesNotContain("\tat ");
        }
        assertThat(run(cases[0]).err()).contains("--node-id must be a positive number, not 0");
        assertThat(run(cases[8]).err()).contains(file + " is not a directory");
        assertThat(listing()).containsExactlyInAnyOrder("plain-file");
    }

    @Test
    void anUnwritableDirectoryIsAUserMistake() throws IOException {
        Path readOnly = Files.createDirectory(dir.resolve("read-only"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-x------"));
        assumeFalse(Files.isWritable(readOnly), "permissions do not bind this user (root)");
        Outcome o = run("keygen", "--nodes", "4", "--out", readOnly.toString());
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).isEqualTo("synod keygen: cannot write to " + readOnly + ": permission denied"
                + System.lineSeparator());
        try (Stream<Path> files = Files.list(readOnly)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void helpDescribesTheFiles() {
        Outcome o = run("keygen", "--help");
        assertThat(o.exitCode()).isZero();
        assertThat(o.out()).contains("Usage: synod keygen").contains("--node-id").contains("--nodes").contains("--force")
                .contains("cluster.keys").contains("0600");
        assertThat(run("--help").out()).contains("keygen");
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
