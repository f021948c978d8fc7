package io.synod.tools.demo;

import io.synod.tools.SynodCli;
import io.synod.tools.local.LocalCluster;
import io.synod.tools.local.NodeSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code synod demo}: a local 3-node cluster on LMDB in a temporary directory, loaded with sample
 * data, and an interactive prompt to use it, crash nodes and watch it recover. Leaving the prompt
 * stops the cluster and removes its data.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Starts a local 3-node Raft cluster on LMDB in a temporary directory, loads sample data",
            "and opens a prompt on it. Leaving the prompt (quit or end of input) stops the cluster",
            "and deletes its data."})
public final class DemoCommand implements Callable<Integer> {

    private static final int NODES = 3;
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    @Option(names = "--base-port", paramLabel = "P", defaultValue = "7100",
            description = "Port of node 1 if ports P..P+2 are free; otherwise free ports are picked "
                    + "(default: ${DEFAULT-VALUE}).")
    private int basePort;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("synod-demo-");
        try (LocalCluster cluster = new LocalCluster(dir, ports(), List.of(), (spec, process) ->
                System.out.println("\n[node " + spec.id() + " exited with code " + process.exitValue() + "]"))) {
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::stopAll, "synod-demo-shutdown"));
            System.out.println("Starting a local 3-node Raft cluster on LMDB in " + dir + " ...");
            cluster.startAll();
            cluster.awaitServing(STARTUP_TIMEOUT);
            DemoPrompt prompt = new DemoPrompt(cluster);
            prompt.loadSampleData();
            prompt.printIntro();
            prompt.run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
            System.out.println("Stopping the cluster.");
        } finally {
            deleteRecursively(dir);
        }
        return 0;
    }

    private List<Integer> ports() {
        List<Integer> wanted = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            wanted.add(basePort + i);
        }
        if (wanted.stream().allMatch(DemoCommand::isFree)) {
            return wanted;
        }
        List<Integer> picked = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            picked.add(freePort());
        }
        return picked;
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on 127.0.0.1", e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The interactive part: each line runs a {@code synod} command against the demo cluster. */
    static final class DemoPrompt {

        private final LocalCluster cluster;
        private final String addresses;

        DemoPrompt(LocalCluster cluster) {
            this.cluster = cluster;
            this.addresses = String.join(",", cluster.addresses());
        }

        void loadSampleData() {
            String[][] sample = {
                {"city/amsterdam", "NL, 921402"}, {"city/lisbon", "PT, 545923"}, {"city/oslo", "NO, 717710"},
                {"city/tallinn", "EE, 461830"}, {"city/vienna", "AT, 2005760"}, {"config/replicas", "3"},
            };
            for (String[] kv : sample) {
                SynodCli.execute("kv", "--cluster", addresses, "put", kv[0], kv[1]);
            }
        }

        void printIntro() {
            System.out.println();
            System.out.println("Synod demo: 3 nodes serving; sample keys loaded under city/ and config/.");
            for (NodeSpec spec : cluster.specs()) {
                System.out.println("  node " + spec.id() + " at " + spec.address());
            }
            System.out.println("From another terminal: ./synod kv --cluster " + addresses + " scan");
            printHelp();
        }

        void printHelp() {
            System.out.println("Commands:");
            System.out.println("  put KEY VALUE | get KEY | del KEY | scan [START [END]]   key-value operations");
            System.out.println("  status                                                   roles, terms, commit and applied indexes");
            System.out.println("  kill N | restart N                                       kill -9 node N, or start it again from its data");
            System.out.println("  help | quit");
        }

        void run(BufferedReader in) throws IOException, InterruptedException {
            while (true) {
                System.out.print("synod> ");
                System.out.flush();
                String line = in.readLine();
                if (line == null) {
                    System.out.println();
                    return;
                }
                List<String> words = List.of(line.trim().split("\\s+"));
                if (words.get(0).isEmpty()) {
                    continue;
                }
                switch (words.get(0)) {
                    case "quit", "exit" -> {
                        return;
                    }
                    case "help" -> printHelp();
                    case "status" -> SynodCli.execute("status", "--cluster", addresses);
                    case "put", "get", "del", "scan" -> runKv(words);
                    case "kill", "restart" -> controlNode(words);
                    default -> System.out.println("unknown command '" + words.get(0) + "'; type help");
                }
            }
        }

        private void runKv(List<String> words) {
            List<String> args = new ArrayList<>(List.of("kv", "--cluster", addresses));
            args.addAll(words);
            SynodCli.execute(args.toArray(String[]::new));
        }

        private void controlNode(List<String> words) throws InterruptedException {
            long id;
            try {
                id = words.size() == 2 ? Long.parseLong(words.get(1)) : -1;
            } catch (NumberFormatException e) {
                id = -1;
            }
            if (id < 1 || id > NODES) {
                System.out.println(words.get(0) + " needs a node number between 1 and " + NODES);
                return;
            }
            if (words.get(0).equals("kill")) {
                cluster.kill(id);
                System.out.println("node " + id + " killed (kill -9); the others keep serving once they agree on a leader");
            } else if (cluster.process(id).map(Process::isAlive).orElse(false)) {
                System.out.println("node " + id + " is running");
            } else {
                cluster.start(id);
                System.out.println("node " + id + " restarting from its data directory");
            }
        }
    }
}
