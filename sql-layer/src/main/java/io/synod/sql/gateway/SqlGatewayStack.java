package io.synod.sql.gateway;

import io.grpc.BindableService;
import io.synod.kv.client.KvClient;
import io.synod.kv.client.ReplyCertificateVerifier;
import io.synod.sql.SqlEngine;
import io.synod.sql.kv.KvClientSqlKv;
import io.synod.sql.sys.AdminClusterInfo;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A node's SQL gateway with everything under it: a KV client over the cluster's members, the
 * SQL engine on it, cluster information from the admin API, and the gateway. Serve
 * {@link #service()} on the node's port; close the stack after the node stops serving.
 */
public final class SqlGatewayStack implements AutoCloseable {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REFRESH_INTERVAL = Duration.ofSeconds(1);

    private final Deque<AutoCloseable> resources;
    private final SqlGateway gateway;

    private SqlGatewayStack(Deque<AutoCloseable> resources, SqlGateway gateway) {
        this.resources = resources;
        this.gateway = gateway;
    }

    /**
     * @param gatewayId names the gateway (the node id)
     * @param members   the cluster's node addresses ("host:port")
     */
    public static SqlGatewayStack forCluster(String gatewayId, List<String> members, long groupId) {
        return forCluster(gatewayId, members, groupId, Optional.empty());
    }

    /**
     * @param certificates for a Byzantine-tolerant (PBFT) cluster: the gateway's KV client then
     *                     trusts no single node, its own included, and takes a result only with a
     *                     certificate of f+1 replicas' signed replies
     */
    public static SqlGatewayStack forCluster(String gatewayId, List<String> members, long groupId,
                                             Optional<ReplyCertificateVerifier> certificates) {
        Deque<AutoCloseable> resources = new ArrayDeque<>();
        try {
            KvClient.Builder client = KvClient.builder(members).group(groupId);
            certificates.ifPresent(client::certifiedBy);
            KvClientSqlKv kv = new KvClientSqlKv(client.build(), true);
            resources.push(kv);
            AdminClusterInfo info = new AdminClusterInfo(members, groupId, PROBE_TIMEOUT, REFRESH_INTERVAL);
            resources.push(info);
            SqlEngine engine = SqlEngine.create(kv, info);
            resources.push(engine);
            SqlGateway gateway = SqlGateway.create(engine::connect, GatewayConfig.defaults(gatewayId));
            resources.push(gateway);
            return new SqlGatewayStack(resources, gateway);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    public BindableService service() {
        return gateway.service();
    }

    /** Closes the gateway (and its client connections), the engine, and the clients. */
    @Override
    public void close() {
        closeAll(resources);
    }

    private static void closeAll(Deque<AutoCloseable> resources) {
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                // Keep closing the rest; a failure to close one part must not leak the others.
                org.slf4j.LoggerFactory.getLogger(SqlGatewayStack.class).warn("closing the SQL stack: {}", e.toString());
            }
        }
    }
}
