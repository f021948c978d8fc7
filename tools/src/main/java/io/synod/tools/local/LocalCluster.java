package io.synod.tools.local;

import io.synod.crypto.keyfile.ClusterKeysFile;
import io.synod.kv.client.Consistency;
import io.synod.kv.client.KvClient;
import io.synod.kv.client.KvException;
import io.synod.kv.client.ReplyCertificateVerifier;
import io.synod.kv.node.PbftKeys;
import io.synod.kv.runtime.ConsensusProtocol;
import io.synod.tools.SynodCli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * N node processes (separate JVMs running {@code synod node}) on 127.0.0.1, one port each,
 * with data in {@code DIR/nodeI} and output appended to {@code DIR/nodeI.log}. The JVMs run
 * this JVM's class path, so the same code starts nodes from the shaded jar or from a test.
 * Thread-safe.
 */
public final class LocalCluster implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final Path dir;
    private final Map<Long, NodeSpec> specs = new TreeMap<>();
    private final Map<Long, Process> processes = new TreeMap<>();
    private final BiConsumer<NodeSpec, Process> onUnexpectedExit;
    private final boolean pbft;
    private boolean keysProvisioned;
    private volatile boolean stopping;

    /**
     * @param ports            one port per node; node ids are 1..ports.size()
     * @param extraNodeArgs    appended to every node's command (e.g. "--test-faults")
     * @param onUnexpectedExit told when a node exits that this cluster did not stop
     */
    public LocalCluster(Path dir, List<Integer> ports, List<String> extraNodeArgs,
                        BiConsumer<NodeSpec, Process> onUnexpectedExit) {
        this.dir = dir.toAbsolutePath();
        this.onUnexpectedExit = onUnexpectedExit;
        StringBuilder peers = new StringBuilder();
        for (int i = 0; i < ports.size(); i++) {
            peers.append(i == 0 ? "" : ",").append(i + 1).append("=127.0.0.1:").append(ports.get(i));
        }
        for (int i = 0; i < ports.size(); i++) {
            long id = i + 1;
            String address = "127.0.0.1:" + ports.get(i);
            Path data = this.dir.resolve("node" + id);
            List<String> command = new ArrayList<>(javaCommand());
            command.addAll(List.of("node", "--id", Long.toString(id), "--listen", address,
                    "--peers", peers.toString(), "--data-dir", data.toString()));
            command.addAll(extraNodeArgs);
            specs.put(id, new NodeSpec(id, address, data, command));
        }
        int consensus = extraNodeArgs.indexOf("--consensus");
        this.pbft = consensus >= 0 && consensus + 1 < extraNodeArgs.size()
                && ConsensusProtocol.named(extraNodeArgs.get(consensus + 1)).needsKeys();
    }

    /** The argv prefix that runs the Synod CLI in a new JVM with this JVM's java and class path. */
    public static List<String> javaCommand() {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-cp", System.getProperty("java.class.path"), SynodCli.class.getName());
    }

    /** A port free on 127.0.0.1 right now (for a node to listen on; nothing reserves it). */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Deletes {@code dir} and everything under it; nothing to do if it does not exist. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Starts every node process (a PBFT cluster's keys are generated in the node directories first). */
    public synchronized void startAll() {
        provisionKeys();
        specs.keySet().forEach(this::start);
    }

    /** A PBFT cluster's keys, generated into the node directories once (nodes' existing keys are kept). */
    private synchronized void provisionKeys() {
        if (pbft && !keysProvisioned) {
            Map<Long, Path> dirs = new TreeMap<>();
            specs.values().forEach(spec -> dirs.put(spec.id(), spec.dataDir()));
            PbftKeys.provision(dirs);
            keysProvisioned = true;
        }
    }

    /** Starts node {@code id} with its command (after a crash, from its data directory). */
    public synchronized Process start(long id) {
        NodeSpec spec = spec(id);
        Process running = processes.get(id);
        if (running != null && running.isAlive()) {
            throw new IllegalStateException("node " + id + " is already running as pid " + running.pid());
        }
        Path log = dir.resolve("node" + id + ".log");
        try {
            Files.createDirectories(dir);
            Process process = new ProcessBuilder(spec.command())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            processes.put(id, process);
            process.onExit().thenAccept(p -> {
                if (!stopping && current(id) == p) {
                    onUnexpectedExit.accept(spec, p);
                }
            });
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node " + id + ": " + e.getMessage(), e);
        }
    }

    /** Kills node {@code id} at once, as {@code kill -9} does, and waits for it to be gone. */
    public void kill(long id) throws InterruptedException {
        Process p = current(id);
        if (p != null) {
            synchronized (this) {
                processes.remove(id);
            }
            p.destroyForcibly().waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** Adds {@code args} to node {@code id}'s command from its next start on (e.g. test-only fault injection). */
    public synchronized void appendNodeArgs(long id, List<String> args) {
        NodeSpec spec = spec(id);
        List<String> command = new ArrayList<>(spec.command());
        command.addAll(args);
        specs.put(id, new NodeSpec(id, spec.address(), spec.dataDir(), command));
    }

    public synchronized NodeSpec spec(long id) {
        NodeSpec spec = specs.get(id);
        if (spec == null) {
            throw new IllegalArgumentException("no node " + id + " in this cluster");
        }
        return spec;
    }

    public synchronized List<NodeSpec> specs() {
        return List.copyOf(specs.values());
    }

    public synchronized Optional<Process> process(long id) {
        return Optional.ofNullable(processes.get(id));
    }

    private synchronized Process current(long id) {
        return processes.get(id);
    }

    /** Every node's address, in id order. */
    public synchronized List<String> addresses() {
        return specs.values().stream().map(NodeSpec::address).toList();
    }

    public Path dir() {
        return dir;
    }

    /** Whether any node process is still running. */
    public synchronized boolean anyAlive() {
        return processes.values().stream().anyMatch(Process::isAlive);
    }

    /**
     * A client of this cluster's key-value service; for a PBFT cluster it trusts no single node
     * and checks every answer's certificate against the cluster keys the nodes were given.
     */
    public KvClient.Builder kvClient() {
        KvClient.Builder client = KvClient.builder(addresses());
        if (pbft) {
            provisionKeys();
            Path keys = specs.values().iterator().next().dataDir().resolve(PbftKeys.CLUSTER_KEYS);
            try {
                client.certifiedBy(ReplyCertificateVerifier.forCluster(ClusterKeysFile.read(keys)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the cluster keys " + keys + ": " + e.getMessage(), e);
            }
        }
        return client;
    }

    /**
     * Waits until the cluster answers a linearizable read (a leader is elected and has
     * committed in its term).
     *
     * @throws IllegalStateException if it does not within {@code timeout}
     */
    public void awaitServing(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        KvException last = null;
        try (KvClient client = kvClient().callTimeout(Duration.ofSeconds(5))
                .attemptTimeout(Duration.ofSeconds(2)).build()) {
            while (System.nanoTime() - deadline < 0) {
                try {
                    client.get("synod-local-ready".getBytes(StandardCharsets.UTF_8), Consistency.LINEARIZABLE);
                    return;
                } catch (KvException e) {
                    last = e;
                    Thread.sleep(100);
                }
            }
        }
        throw new IllegalStateException("the cluster did not serve requests within " + timeout.toSeconds() + " s"
                + (last == null ? "" : " (" + last.getMessage() + ")") + "; see the node logs in " + dir);
    }

    /** Writes {@code DIR/cluster.json} atomically (a temporary file renamed over it). */
    public void writeClusterFile() {
        Map<Long, Long> pids = new TreeMap<>();
        synchronized (this) {
            processes.forEach((id, p) -> pids.put(id, p.pid()));
        }
        ClusterFile.write(dir.resolve(ClusterFile.NAME), specs(), pids);
    }

    /** Stops every node with SIGTERM, and kills those still running after a grace period. */
    public void stopAll() {
        stopping = true;
        List<Process> running;
        synchronized (this) {
            running = new ArrayList<>(processes.values());
        }
        running.forEach(Process::destroy);
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (Process p : running) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!p.waitFor(left, TimeUnit.NANOSECONDS)) {
                    p.destroyForcibly().waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stopAll();
    }
}
