package io.synod.crypto.keyfile;

import io.synod.crypto.key.NodeKeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrivateKeyFileTest {

    @TempDir
    Path dir;

    private final NodeKeyPair keys = NodeKeyPair.deterministic(5, 3);

    @Test
    void roundTripsWithOwnerOnlyPermissions() throws IOException {
        Path file = dir.resolve("node-3.key");
        PrivateKeyFile.write(file, keys, false);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        NodeKeyPair read = PrivateKeyFile.read(file);
        assertThat(read.nodeId()).isEqualTo(3);
        assertThat(read.publicKey()).isEqualTo(keys.publicKey());
        assertThat(read.privateKeyBytes()).isEqualTo(keys.privateKeyBytes());
        assertThat(Files.readString(file)).startsWith("# Synod node private key").contains("format: synod-node-key/1")
                .contains("type: ed25519").contains("node-id: 3").contains("public-key: " + keys.publicKey().toHex());
        try (var listing = Files.list(dir)) {
            assertThat(listing).as("no temporary file left behind").containsExactly(file);
        }
    }

    @Test
    void overwritesOnlyWhenAsked() throws IOException {
        Path file = dir.resolve("node.key");
        PrivateKeyFile.write(file, keys, false);
        NodeKeyPair other = NodeKeyPair.deterministic(6, 3);
        assertThatThrownBy(() -> PrivateKeyFile.write(file, other, false)).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(PrivateKeyFile.read(file).publicKey()).isEqualTo(keys.publicKey());
        PrivateKeyFile.write(file, other, true);
        assertThat(PrivateKeyFile.read(file).publicKey()).isEqualTo(other.publicKey());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void refusesAKeyThatGroupOrOthersCanAccess() throws IOException {
        Path file = dir.resolve("node.key");
        PrivateKeyFile.write(file, keys, false);
        for (String mode : new String[] {"rw-r-----", "rw----r--", "rw--w----", "rw-rw-rw-"}) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
            assertThatThrownBy(() -> PrivateKeyFile.read(file)).isInstanceOf(KeyFileException.class)
                    .hasMessage(file + ": private key is accessible by group or others (mode " + mode
                            + "); run: chmod 600 " + file);
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
        assertThat(PrivateKeyFile.read(file).nodeId()).isEqualTo(3);
    }

    @Test
    void refusesEveryTruncation() throws IOException {
        Path good = dir.resolve("good.key");
        PrivateKeyFile.write(good, keys, false);
        String text = Files.readString(good);
        for (int length = 0; length < text.length() - 1; length++) {
            Path cut = writeOwnerOnly("cut.key", text.substring(0, length));
            assertThatThrownBy(() -> PrivateKeyFile.read(cut)).as("first %d characters", length)
                    .isInstanceOf(KeyFileException.class).hasMessageStartingWith(cut + ": ");
        }
    }

    @Test
    void explainsMalformedFiles() throws IOException {
        String pub = keys.publicKey().toHex();
        String priv = HexFormat.of().formatHex(keys.privateKeyBytes());
        String header = "format: synod-node-key/1\ntype: ed25519\nnode-id: 3\n";
        expectProblem("", "not a Synod key file (no 'format' line; expected 'format: synod-node-key/1')");
        expectProblem("format: synod-cluster-keys/1\n", "is a 'synod-cluster-keys/1' file, expected 'synod-node-key/1'");
        expectProblem("format: synod-node-key/1\ntype: rsa\n", "key type 'rsa' is not supported; Synod keys are ed25519");
        expectProblem(header.replace("3", "zero") + "public-key: " + pub + "\nprivate-key: " + priv,
                "'node-id' must be a positive node id, not 'zero'");
        expectProblem(header + "public-key: " + pub + "\nprivate-key: " + priv.substring(2),
                "'private-key' must be 64 hex digits (32 bytes), got 62 characters");
        expectProblem(header + "public-key: " + pub + "\nprivate-key: " + "zz" + priv.substring(2),
                "'private-key' must be 64 hex digits (32 bytes), got 64 characters");
        expectProblem(header + "public-key: " + pub + "\nprivate-key: " + "\uff10" + priv.substring(1),
                "'private-key' must be 64 hex digits (32 bytes), got 64 characters");
        expectProblem(header + "public-key: " + "00" + pub.substring(2) + "\nprivate-key: " + priv,
                "'public-key' is not the public key of 'private-key' (file edited or corrupted?)");
        expectProblem(header + "public-key: " + pub + "\nprivate-key: " + priv + "\ncomment: hi",
                "unknown field 'comment'");
        expectProblem(header + "node-id: 4\n", "line 4: 'node-id' appears twice");
        expectProblem(header + "just words\n", "line 4: expected 'name: value'");
        expectProblem(header + "Public-Key: x\n", "line 4: bad field name 'Public-Key'");
        Path binary = dir.resolve("binary.key");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0});
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> PrivateKeyFile.read(binary)).hasMessage(binary + ": not a text file (invalid UTF-8)");
        assertThatThrownBy(() -> PrivateKeyFile.read(dir.resolve("missing.key")))
                .hasMessage(dir.resolve("missing.key") + ": no such file");
        assertThatThrownBy(() -> PrivateKeyFile.read(dir)).hasMessageEndingWith(": not a regular file");
    }

    @Test
    void acceptsCommentsBlankLinesAndCrLf() throws IOException {
        String text = "# comment\r\n\r\nformat: synod-node-key/1\r\ntype: ed25519\r\nnode-id: 3\r\npublic-key: "
                + keys.publicKey().toHex() + "\r\n  private-key:   " + HexFormat.of().formatHex(keys.privateKeyBytes())
                + "  \r\n";
        assertThat(PrivateKeyFile.read(writeOwnerOnly("crlf.key", text)).publicKey()).isEqualTo(keys.publicKey());
    }

    private void expectProblem(String text, String problem) throws IOException {
        Path file = writeOwnerOnly("bad.key", text);
        assertThatThrownBy(() -> PrivateKeyFile.read(file)).as(text).isInstanceOf(KeyFileException.class)
                .hasMessage(file + ": " + problem);
    }

    private Path writeOwnerOnly(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
