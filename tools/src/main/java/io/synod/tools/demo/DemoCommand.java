package io.synod.tools.demo;

import io.synod.tools.local.ClusterFile;
import io.synod.tools.local.LocalCluster;
import io.synod.tools.local.NodeSpec;
import io.synod.tools.shell.JdbcUrls;
import io.synod.tools.shell.SqlShell;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code synod demo}: a local 3-node cluster on LMDB in a temporary directory, loaded with a small
 * sample schema, and the SQL shell on it. Leaving the shell stops the cluster and removes its data.
 */
@Command(
        name = "demo",
        header = "Starts a local 3-node cluster with sample data and opens the SQL shell on it.",
        mixinStandardHelpOptions = true,
        description = {
            "Starts a local 3-node Raft cluster on LMDB in a temporary directory, creates a small",
            "sample schema (customers, products, orders, a view) and opens the SQL shell on it.",
            "Leaving the shell (!quit or end of input) stops the cluster and deletes its data."})
public final class DemoCommand implements Callable<Integer> {

    private static final int NODES = 3;
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SCHEMA_TIMEOUT = Duration.ofSeconds(30);

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
            cluster.writeClusterFile();
            String url = JdbcUrls.forAddresses(cluster.addresses());
            loadSampleSchema(url);
            printIntro(cluster, url);
            boolean ok = new SqlShell(url, "synod", "").interactive(System.in);
            System.out.println("Stopping the cluster.");
            return ok ? 0 : 1;
        } finally {
            LocalCluster.deleteTree(dir);
        }
    }

    /** The gateways may still be electing or warming up: retry until the schema loads or time runs out. */
    private static void loadSampleSchema(String url) throws InterruptedException {
        long deadline = System.nanoTime() + SCHEMA_TIMEOUT.toNanos();
        while (true) {
            try (Connection connection = DriverManager.getConnection(url, "synod", "")) {
                SampleSchema.load(connection);
                return;
            } catch (SQLException e) {
                boolean transientFailure = e.getSQLState() != null
                        && (e.getSQLState().startsWith("08") || e.getSQLState().startsWith("40"));
                if (!transientFailure || System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("could not load the sample schema: " + e.getMessage(), e);
                }
                Thread.sleep(200);
            }
        }
    }

    private static void printIntro(LocalCluster cluster, String url) {
        System.out.println();
        System.out.println("Synod demo: 3 nodes serving SQL; sample tables customers, products, orders and the");
        System.out.println("view order_totals are loaded.");
        for (NodeSpec spec : cluster.specs()) {
            System.out.println("  node " + spec.id() + " at " + spec.address() + ", pid "
                    + cluster.process(spec.id()).map(Process::pid).orElse(0L));
        }
        System.out.println("JDBC URL: " + url);
        System.out.println("Node pids and restart commands: " + cluster.dir().resolve(ClusterFile.NAME)
                + " (kill -9 one node and keep querying)");
        System.out.println("Try:");
        System.out.println("  SELECT * FROM order_totals ORDER BY total DESC;");
        System.out.println("  EXPLAIN PLAN FOR SELECT * FROM orders WHERE id = 1003;");
        System.out.println("  SELECT * FROM sys.replicas;");
        System.out.println("  !tables    !describe orders    !help    !quit");
        System.out.println();
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
        try {
            return LocalCluster.freePort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on 127.0.0.1", e);
        }
    }
}
