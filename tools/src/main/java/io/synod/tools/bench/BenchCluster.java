package io.synod.tools.bench;

import io.synod.tools.kv.ClusterAddresses;
import io.synod.kv.client.KvClient;
import io.synod.tools.local.LocalCluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The cluster a benchmark measures: the one {@code --cluster} names, or a local cluster of
 * separate node processes in a temporary directory, stopped and deleted on close.
 */
public final class BenchCluster implements AutoCloseable {

    private static final int LOCAL_NODES = 3;
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final List<String> addresses;
    private final String description;
    private final LocalCluster local;
    private final Path dir;
    private final Thread stopOnSignal;

    private BenchCluster(List<String> addresses, String description, LocalCluster local, Path dir, Thread stopOnSignal) {
        this.addresses = addresses;
        this.description = description;
        this.local = local;
        this.dir = dir;
        this.stopOnSignal = stopOnSignal;
    }

    /** The cluster named by {@code --cluster}, or a new local 3-node one when that is null. */
    static BenchCluster open(String clusterOption, String benchName) throws InterruptedException {
        if (clusterOption != null) {
            List<String> addresses = ClusterAddresses.parse(clusterOption);
            return new BenchCluster(addresses, String.join(",", addresses), null, null, null);
        }
        return startLocal(benchName, LOCAL_NODES, List.of());
    }

    /** A new local cluster of {@code nodes} node processes, each started with {@code nodeArgs} too. */
    public static BenchCluster startLocal(String benchName, int nodes, List<String> nodeArgs)
            throws InterruptedException {
        Path dir;
        List<Integer> ports = new ArrayList<>();
        try {
            dir = Files.createTempDirectory("synod-bench-");
            for (int i = 0; i < nodes; i++) {
                ports.add(LocalCluster.freePort());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare a local cluster: " + e.getMessage(), e);
        }
        LocalCluster local = new LocalCluster(dir, ports, nodeArgs, (spec, process) ->
                System.err.println("synod bench " + benchName + ": node " + spec.id() + " exited with code "
                        + process.exitValue() + " during the benchmark; see " + spec.dataDir() + ".log"));
        Thread stopOnSignal = new Thread(local::stopAll, "synod-bench-shutdown");
        Runtime.getRuntime().addShutdownHook(stopOnSignal);
        BenchCluster cluster = new BenchCluster(local.addresses(),
                "local " + nodes + " nodes (separate JVMs, LMDB, gRPC)", local, dir, stopOnSignal);
        try {
            System.err.println("synod bench " + benchName + ": starting a local " + nodes + "-node cluster in " + dir);
            local.startAll();
            local.awaitServing(STARTUP_TIMEOUT);
            return cluster;
        } catch (RuntimeException | InterruptedException e) {
            cluster.close();
            throw e;
        }
    }

    /** A client of the cluster (on a local PBFT cluster, checking certificates: see {@link LocalCluster#kvClient()}). */
    public KvClient.Builder kvClient() {
        return local == null ? KvClient.builder(addresses) : local.kvClient();
    }

    public List<String> addresses() {
        return addresses;
    }

    public String description() {
        return description;
    }

    @Override
    public void close() {
        if (local == null) {
            return;
        }
        local.stopAll();
        Runtime.getRuntime().removeShutdownHook(stopOnSignal);
        try {
            LocalCluster.deleteTree(dir);
        } catch (IOException e) {
            System.err.println("synod bench: could not delete " + dir + ": " + e.getMessage());
        }
    }
}
