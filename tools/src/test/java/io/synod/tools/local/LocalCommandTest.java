package io.synod.tools.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.synod.tools.SynodCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code synod local} as a user runs it: a separate process that starts three node processes
 * and writes cluster.json; a node killed by pid and restarted with its recorded command comes
 * back, as {@code synod status} shows; SIGTERM to {@code local} stops every node it started.
 */
class LocalCommandTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void startsWritesClusterFileAndANodeRestartsFromItsCommand() throws Exception {
        int basePort = freeBasePort(3);
        List<String> command = new ArrayList<>(LocalCluster.javaCommand());
        command.addAll(List.of("local", "--nodes", "3", "--data-dir", dir.toString(), "--base-port",
                Integer.toString(basePort)));
        Process local = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("local.out").toFile()).start();
        Process restarted = null;
        List<ProcessHandle> nodes = new ArrayList<>();
        try {
            Path file = dir.resolve(ClusterFile.NAME);
            while (!Files.exists(file)) {
                assertThat(local.isAlive()).as(Files.readString(dir.resolve("local.out"))).isTrue();
                Thread.sleep(200);
            }
            ClusterFile.Contents contents = ClusterFile.read(file);
            assertThat(contents.nodes()).extracting(ClusterFile.Entry::address).containsExactly(
                    "127.0.0.1:" + basePort, "127.0.0.1:" + (basePort + 1), "127.0.0.1:" + (basePort + 2));
            contents.nodes().forEach(n -> nodes.add(ProcessHandle.of(n.pid()).orElseThrow()));
            assertThat(Files.readString(dir.resolve("local.out"))).contains("synod kv --cluster 127.0.0.1:" + basePort);
            String cluster = "127.0.0.1:" + basePort + ",127.0.0.1:" + (basePort + 1) + ",127.0.0.1:" + (basePort + 2);
            assertThat(cli("kv", "--cluster", cluster, "put", "greeting", "hello")).contains("OK revision");

            ClusterFile.Entry second = contents.nodes().get(1);
            nodes.get(1).destroyForcibly();
            nodes.get(1).onExit().get(10, TimeUnit.SECONDS);
            awaitRole(cluster, 2, "UNREACHABLE");
            restarted = new ProcessBuilder(second.command()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("node2.log").toFile())).start();
            JsonNode back = awaitRole(cluster, 2, "FOLLOWER", "LEADER");
            assertThat(back.get("applied").asLong()).isGreaterThanOrEqualTo(2);
            assertThat(cli("kv", "--cluster", second.address(), "get", "greeting", "--consistency", "stale"))
                    .isEqualTo("hello\n");
            assertThat(Files.readString(dir.resolve("local.out"))).contains("node 2 (pid " + second.pid() + ") exited");

            local.destroy();
            assertThat(local.waitFor(30, TimeUnit.SECONDS)).isTrue();
            for (ProcessHandle node : List.of(nodes.get(0), nodes.get(2))) {
                node.onExit().get(15, TimeUnit.SECONDS);
            }
        } finally {
            local.destroyForcibly();
            nodes.forEach(ProcessHandle::destroyForcibly);
            if (restarted != null) {
                restarted.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Polls {@code synod status --json} until node {@code id} has one of {@code roles}. */
    private static JsonNode awaitRole(String cluster, long id, String... roles) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
        String last = "";
        while (System.nanoTime() - deadline < 0) {
            last = cli("status", "--cluster", cluster, "--json");
            if (!last.isEmpty()) {
                for (JsonNode node : new ObjectMapper().readTree(last).get("nodes")) {
                    if (node.get("id").asLong() == id && List.of(roles).contains(node.get("role").asText())) {
                        return node;
                    }
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError("node " + id + " never became " + List.of(roles) + "; last status: " + last);
    }

    /** Runs the CLI in a separate JVM and returns its standard output (empty if it failed). */
    private static String cli(String... args) throws Exception {
        List<String> command = new ArrayList<>(LocalCluster.javaCommand());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return p.waitFor() == 0 ? out : "";
    }

    private static int freeBasePort(int count) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 40_000);
            if (allFree(base, count)) {
                return base;
            }
        }
        throw new AssertionError("no " + count + " consecutive free ports found");
    }

    private static boolean allFree(int base, int count) {
        for (int port = base; port < base + count; port++) {
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress("127.0.0.1", port));
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
