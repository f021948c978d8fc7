package io.synod.tools.node;

import io.synod.kv.client.ReplyCertificateVerifier;
import io.synod.kv.node.NodeConfig;
import io.synod.kv.node.PbftKeys;
import io.synod.kv.node.SynodNode;
import io.synod.kv.runtime.ConsensusProtocol;
import io.synod.kv.sim.ByzantineReplica;
import io.synod.sql.gateway.SqlGatewayStack;
import io.synod.tools.UserError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code synod node}: runs one node in the foreground until SIGTERM or Ctrl-C. */
@Command(
        name = "node",
        header = "Runs one Synod node.",
        mixinStandardHelpOptions = true,
        description = {
            "Runs one Synod node: its replica of the cluster's data in --data-dir, and one port",
            "(--listen) for peers, KV clients, administration and SQL (jdbc:synod://HOST:PORT/).",
            "Restarted on the same data directory it continues where it stopped. SIGTERM or Ctrl-C",
            "shuts it down cleanly.",
            "Settings come from the flags or from --config FILE (Java properties whose keys are the",
            "flag names without the leading dashes, e.g. id=1, data-dir=data/node1); flags win."},
        footer = {"", "Example:",
            "  synod node --id 1 --listen 127.0.0.1:7100 \\",
            "    --peers 1=127.0.0.1:7100,2=127.0.0.1:7101,3=127.0.0.1:7102 --data-dir data/node1"})
public final class NodeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(NodeCommand.class);

    @Option(names = "--id", paramLabel = "N", description = "This node's id (a positive number).")
    private Long id;

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "Address to serve on.")
    private String listen;

    @Option(names = "--peers", paramLabel = "ID=HOST:PORT[,...]",
            description = "Every member of the cluster (this node may be included).")
    private String peers;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where this node keeps its data.")
    private Path dataDir;

    @Option(names = "--cluster-id", paramLabel = "ID",
            description = "Name shared by the cluster's nodes (default: " + NodeConfig.DEFAULT_CLUSTER_ID + ").")
    private String clusterId;

    @Option(names = "--consensus", paramLabel = "PROTOCOL", description = "Consensus protocol: raft (default), multipaxos or pbft (pbft reads node.key and"
            + " cluster.keys from the data directory, generating node.key if absent).")
    private String consensus;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with any of these settings.")
    private Path configFile;

    @Option(names = "--tick-ms", paramLabel = "MS", description = "Consensus clock period (default: 20).")
    private Long tickMs;

    @Option(names = "--election-ticks", paramLabel = "T", description = "Ticks before an election (default: 50).")
    private Integer electionTicks;

    @Option(names = "--heartbeat-ticks", paramLabel = "T", description = "Ticks between heartbeats (default: 5).")
    private Integer heartbeatTicks;

    @Option(names = "--snapshot-threshold", paramLabel = "ENTRIES",
            description = "Compact the log after this many applied entries (default: 10000).")
    private Long snapshotThreshold;

    @Option(names = "--state-store", paramLabel = "KIND",
            description = "Where the state machine lives: lmdb (default) or sqlite (for light replicas such as learners).")
    private String stateStore;

    @Option(names = "--test-faults",
            description = "Accept fault-injection requests (for tests only: lets anyone partition this node).")
    private Boolean testFaults;

    // Test-only fault injection, hidden from --help: refused unless --test-faults is given too.
    @Option(names = "--byzantine", paramLabel = "BEHAVIOUR", hidden = true)
    private String byzantine;

    @Override
    public Integer call() throws InterruptedException {
        NodeConfig config = config();
        // The SQL gateway (jdbc:synod://this-node/) runs its engine over the cluster's KV service;
        // on a PBFT cluster it checks every answer's certificate, so not even this node's replica
        // can make it accept a result on its own.
        SqlGatewayStack sql = SqlGatewayStack.forCluster(Long.toString(config.nodeId()),
                List.copyOf(config.peers().values()), SynodNode.GROUP, replyCertificates(config));
        SynodNode node;
        try {
            node = SynodNode.start(config, List.of(sql.service()));
        } catch (UncheckedIOException | IllegalStateException e) {
            sql.close();
            throw new UserError("node " + config.nodeId() + " cannot start: " + e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            sql.close();
            stopped.countDown();
        }, "synod-node-shutdown"));
        stopped.await();
        return 0;
    }

    private static Optional<ReplyCertificateVerifier> replyCertificates(NodeConfig config) {
        if (!ConsensusProtocol.named(config.consensus()).needsKeys()) {
            return Optional.empty();
        }
        try {
            ReplyCertificateVerifier certificates = ReplyCertificateVerifier.forCluster(
                    PbftKeys.load(config.dataDir(), config.nodeId()).cluster());
            LOG.info("node {}: the SQL gateway takes a result only with {} replicas' signed replies vouching for it",
                    config.nodeId(), certificates.matching());
            return Optional.of(certificates);
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new UserError("node " + config.nodeId() + " cannot start: " + e.getMessage());
        }
    }

    private NodeConfig config() {
        NodeOptions options = new NodeOptions();
        if (configFile != null) {
            options.loadFile(configFile);
        }
        options.override(NodeOptions.ID, id);
        options.override(NodeOptions.LISTEN, listen);
        options.override(NodeOptions.PEERS, peers);
        options.override(NodeOptions.DATA_DIR, dataDir);
        options.override(NodeOptions.CLUSTER_ID, clusterId);
        options.override(NodeOptions.CONSENSUS, consensus);
        options.override(NodeOptions.TICK_MS, tickMs);
        options.override(NodeOptions.ELECTION_TICKS, electionTicks);
        options.override(NodeOptions.HEARTBEAT_TICKS, heartbeatTicks);
        options.override(NodeOptions.SNAPSHOT_THRESHOLD, snapshotThreshold);
        options.override(NodeOptions.TEST_FAULTS, testFaults);
        options.override(NodeOptions.STATE_STORE, stateStore);
        NodeConfig config = options.toConfig();
        if (byzantine == null) {
            return config;
        }
        try {
            return config.withByzantine(Optional.of(ByzantineReplica.Behavior.parse(byzantine)));
        } catch (IllegalArgumentException e) {
            throw new UserError("--byzantine " + byzantine + ": " + e.getMessage() + " (behaviours: "
                    + Arrays.stream(ByzantineReplica.Behavior.values()).map(Enum::name).toList() + ")");
        }
    }
}
