package io.synod.tools.local;

import io.synod.kv.node.PbftKeys;
import io.synod.kv.node.StateStoreKind;
import io.synod.kv.runtime.ConsensusProtocol;
import io.synod.tools.UserError;
import io.synod.tools.shell.JdbcUrls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code synod local}: a local cluster of node processes in the foreground. */
@Command(
        name = "local",
        header = "Starts a cluster of N node processes on 127.0.0.1.",
        mixinStandardHelpOptions = true,
        description = {
            "Starts a cluster of N node processes (separate JVMs) on 127.0.0.1, ports P..P+N-1,",
            "data in DIR/nodeI, output of each node in DIR/nodeI.log. Once the cluster serves",
            "requests it writes DIR/cluster.json (each node's id, address, pid, data dir and the",
            "command that restarts it) and prints how to connect. Runs until Ctrl-C or SIGTERM,",
            "which stop every node; a node that dies is reported and the others keep running.",
            "Started again on the same DIR, the nodes continue from their data."},
        footer = {"", "Example:", "  synod local --nodes 3 --data-dir /tmp/synod"})
public final class LocalCommand implements Callable<Integer> {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    @Option(names = "--nodes", paramLabel = "N", required = true, description = "Number of nodes (1-99).")
    private int nodes;

    @Option(names = "--data-dir", paramLabel = "DIR", required = true, description = "Where the nodes keep their data.")
    private Path dataDir;

    @Option(names = "--base-port", paramLabel = "P", defaultValue = "7100",
            description = "Port of node 1; node I listens on P+I-1 (default: ${DEFAULT-VALUE}).")
    private int basePort;

    @Option(names = "--consensus", paramLabel = "PROTOCOL", defaultValue = "raft",
            description = "Consensus protocol: raft, multipaxos or pbft (default: ${DEFAULT-VALUE}). For pbft,"
                    + " each node's Ed25519 key and the cluster's public keys are written into its data directory.")
    private String consensus;

    @Option(names = "--state-store", paramLabel = "KIND", defaultValue = "lmdb",
            description = "Where each node keeps its state machine: lmdb or sqlite (default: ${DEFAULT-VALUE}).")
    private String stateStore;

    @Option(names = "--test-faults", description = "Start the nodes with fault injection enabled (tests only).")
    private boolean testFaults;

    private volatile LocalCluster cluster;

    @Override
    public Integer call() throws InterruptedException {
        validate();
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            ports.add(basePort + i);
        }
        ports.forEach(LocalCommand::requireFree);
        List<String> extra = new ArrayList<>(List.of("--consensus", consensus, "--state-store", stateStore));
        if (testFaults) {
            extra.add("--test-faults");
        }
        CountDownLatch allGone = new CountDownLatch(1);
        // The exit callback runs on a process-reaper thread once the cluster exists.
        cluster = new LocalCluster(dataDir, ports, extra, (spec, process) -> {
            System.err.println("synod local: node " + spec.id() + " (pid " + process.pid() + ") exited with code "
                    + process.exitValue() + "; the others keep running; see " + spec.dataDir() + ".log");
            if (!cluster.anyAlive()) {
                allGone.countDown();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("synod local: stopping all nodes");
            cluster.stopAll();
        }, "synod-local-shutdown"));
        cluster.startAll();
        System.out.println("synod local: started " + nodes + " " + consensus + " nodes, logs in "
                + cluster.dir() + "/nodeI.log; waiting for the cluster to serve...");
        try {
            cluster.awaitServing(STARTUP_TIMEOUT);
        } catch (IllegalStateException e) {
            System.err.println("synod local: " + e.getMessage());
            return 1;
        }
        cluster.writeClusterFile();
        printHowToConnect(cluster);
        allGone.await();
        System.err.println("synod local: every node has exited");
        return 1;
    }

    private void printHowToConnect(LocalCluster cluster) {
        String addresses = String.join(",", cluster.addresses());
        System.out.println("synod local: cluster is serving");
        for (NodeSpec spec : cluster.specs()) {
            System.out.println("  node " + spec.id() + "  " + spec.address() + "  pid "
                    + cluster.process(spec.id()).map(Process::pid).orElse(0L) + "  data " + spec.dataDir());
        }
        System.out.println("Cluster file: " + cluster.dir().resolve(ClusterFile.NAME));
        System.out.println("JDBC URL: " + JdbcUrls.forAddresses(cluster.addresses()));
        System.out.println("Try:");
        System.out.println("  ./synod shell --url " + JdbcUrls.forAddresses(cluster.addresses()));
        // On PBFT the CLI, like every node's SQL gateway, then trusts no single node.
        String keys = ConsensusProtocol.named(consensus).needsKeys()
                ? " --cluster-keys " + cluster.specs().get(0).dataDir().resolve(PbftKeys.CLUSTER_KEYS) : "";
        System.out.println("  ./synod kv --cluster " + addresses + keys + " put hello world");
        System.out.println("  ./synod kv --cluster " + addresses + keys + " get hello");
        System.out.println("  ./synod status --cluster " + addresses);
        System.out.println("Press Ctrl-C to stop all nodes.");
    }

    private void validate() {
        if (nodes < 1 || nodes > 99) {
            throw new UserError("--nodes must be between 1 and 99, got " + nodes);
        }
        if (basePort < 1 || basePort + nodes - 1 > 65535) {
            throw new UserError("--base-port " + basePort + " leaves no room for " + nodes + " ports below 65536");
        }
        ConsensusProtocol protocol;
        try {
            protocol = ConsensusProtocol.named(consensus);
        } catch (IllegalArgumentException e) {
            throw new UserError("--consensus: " + e.getMessage());
        }
        if (protocol.needsKeys() && nodes < protocol.replicasToTolerate(1)) {
            throw new UserError("--consensus " + consensus + " needs at least " + protocol.replicasToTolerate(1)
                    + " nodes (n = 3f+1 tolerates f faulty ones), got " + nodes);
        }
        try {
            StateStoreKind.parse(stateStore);
        } catch (IllegalArgumentException e) {
            throw new UserError("--state-store: " + e.getMessage());
        }
    }

    private static void requireFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
            throw new UserError("port " + port + " on 127.0.0.1 is in use; stop what uses it or pick another --base-port");
        }
    }
}
