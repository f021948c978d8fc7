package io.synod.sql.embedded;

import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.synod.jdbc.embedded.EmbeddedDatabase;
import io.synod.kv.consensus.api.Role;
import io.synod.kv.node.NodeConfig;
import io.synod.kv.node.SynodNode;
import io.synod.sql.gateway.SqlGatewayStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One running embedded database: a single-node cluster (its KV port on a free loopback port,
 * which its own KV client uses), its SQL stack, and an in-process gRPC server for the driver.
 */
final class EmbeddedInstance {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedInstance.class);
    private static final long NODE_ID = 1;
    /** A single voter elects itself; short ticks make the database usable quickly after opening. */
    private static final Duration TICK = Duration.ofMillis(10);
    private static final int ELECTION_TICKS = 10;
    private static final int HEARTBEAT_TICKS = 2;
    private static final Duration LEADERSHIP_TIMEOUT = Duration.ofSeconds(30);

    private final String key;
    private final Path directory;
    private final boolean temporary;
    private final SynodNode node;
    private final SqlGatewayStack sql;
    private final Server server;
    private final ManagedChannel channel;
    private final Runnable onClose;
    private int holds;
    private boolean closed;

    private EmbeddedInstance(String key, Path directory, boolean temporary, SynodNode node, SqlGatewayStack sql,
                             Server server, ManagedChannel channel, Runnable onClose) {
        this.key = key;
        this.directory = directory;
        this.temporary = temporary;
        this.node = node;
        this.sql = sql;
        this.server = server;
        this.channel = channel;
        this.onClose = onClose;
    }

    /** @param directory null: a temporary directory, deleted at shutdown */
    static EmbeddedInstance start(String key, Path directory, Runnable onClose) throws SQLException {
        boolean temporary = directory == null;
        Path dir;
        try {
            dir = temporary ? Files.createTempDirectory("synod-mem-") : Files.createDirectories(directory);
        } catch (IOException e) {
            throw new SQLException("cannot create the database directory for jdbc:synod:" + key + ": "
                    + e.getMessage(), "08001", e);
        }
        SqlGatewayStack sql = null;
        SynodNode node = null;
        try {
            String address = "127.0.0.1:" + freeLoopbackPort();
            NodeConfig config = NodeConfig.of(NODE_ID, address, Map.of(NODE_ID, address), dir)
                    .withTicks(TICK, ELECTION_TICKS, HEARTBEAT_TICKS);
            sql = SqlGatewayStack.forCluster("embedded", List.of(address), SynodNode.GROUP);
            node = SynodNode.start(config);
            awaitLeadership(node, key);
            String name = "synod-embedded-" + key + "-" + System.nanoTime();
            Server server = InProcessServerBuilder.forName(name).directExecutor().addService(sql.service()).build()
                    .start();
            ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
            LOG.info("embedded database jdbc:synod:{} open in {}", key, dir);
            return new EmbeddedInstance(key, dir, temporary, node, sql, server, channel, onClose);
        } catch (IOException | RuntimeException e) {
            if (node != null) {
                node.close();
            }
            if (sql != null) {
                sql.close();
            }
            if (temporary) {
                deleteRecursively(dir);
            }
            throw new SQLException("cannot open jdbc:synod:" + key + ": " + e.getMessage(), "08001", e);
        }
    }

    synchronized EmbeddedDatabase hold() {
        holds++;
        return new EmbeddedDatabase() {
            private boolean released;

            @Override
            public Channel channel() {
                return channel;
            }

            @Override
            public void release() {
                synchronized (EmbeddedInstance.this) {
                    if (released) {
                        return;
                    }
                    released = true;
                    if (--holds > 0) {
                        return;
                    }
                }
                onClose.run();
                shutDown();
            }
        };
    }

    /** Stops serving, closes the SQL stack and the node; deletes a temporary database. */
    synchronized void shutDown() {
        if (closed) {
            return;
        }
        closed = true;
        channel.shutdownNow();
        server.shutdownNow();
        try {
            server.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sql.close();
        node.close();
        if (temporary) {
            deleteRecursively(directory);
        }
        LOG.info("embedded database jdbc:synod:{} closed", key);
    }

    /** The first statement must not race the node's self-election: wait until it leads (bounded). */
    private static void awaitLeadership(SynodNode node, String key) {
        long deadline = System.nanoTime() + LEADERSHIP_TIMEOUT.toNanos();
        while (node.status().engine().role() != Role.LEADER) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the embedded node of jdbc:synod:" + key + " did not become leader within "
                        + LEADERSHIP_TIMEOUT.toSeconds() + " s");
            }
            try {
                Thread.sleep(TICK.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while opening jdbc:synod:" + key, e);
            }
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not delete {}: {}", dir, e.toString());
        }
    }
}
