package io.synod.sql.gateway;

import io.grpc.BindableService;
import org.apache.calcite.avatica.remote.LocalService;

import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A SQL gateway: the server side of {@code jdbc:synod:} connections. It serves Avatica's remote
 * JDBC protocol (protobuf bytes in {@code SqlGateway.Call} frames) over server-side connections
 * from a {@link ConnectionFactory}, with bounded connections, statements and workers.
 *
 * <p>Serve {@link #service()} on a node's gRPC port (or an in-process server). Closing the
 * gateway closes every client connection it holds, rolling back their open transactions.
 */
public final class SqlGateway implements AutoCloseable {

    private static final long WORKER_KEEPALIVE_SECONDS = 60;

    private final GatewayMeta meta;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService timer;
    private final SqlGatewayService service;

    private SqlGateway(GatewayConfig config, GatewayMeta meta) {
        this.meta = meta;
        this.workers = new ThreadPoolExecutor(config.workerThreads(), config.workerThreads(),
                WORKER_KEEPALIVE_SECONDS, TimeUnit.SECONDS, new ArrayBlockingQueue<>(config.queueCapacity()),
                daemonThreads("synod-sql-gateway-" + config.gatewayId()));
        workers.allowCoreThreadTimeOut(true);
        this.timer = Executors.newSingleThreadScheduledExecutor(daemonThreads("synod-sql-timeouts-" + config.gatewayId()));
        this.service = new SqlGatewayService(config.gatewayId(), meta,
                GatewayHandler.over(new LocalService(meta)), workers, timer);
    }

    public static SqlGateway create(ConnectionFactory factory, GatewayConfig config) {
        try {
            return new SqlGateway(config, new GatewayMeta(factory, config));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create SQL gateway " + config.gatewayId() + ": " + e.getMessage(), e);
        }
    }

    /** The gRPC service to add to a server. */
    public BindableService service() {
        return service;
    }

    /** Client connections currently open on this gateway. */
    public int openConnections() {
        return meta.openConnections();
    }

    /** Stops taking requests and closes every client connection. */
    @Override
    public void close() {
        workers.shutdown();
        timer.shutdownNow();
        try {
            if (!workers.awaitTermination(2, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        meta.closeAll();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger next = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + next.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
