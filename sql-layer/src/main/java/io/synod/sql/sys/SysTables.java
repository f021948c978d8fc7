package io.synod.sql.sys;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.calcite.schema.Table;

import static io.synod.sql.sys.SysColumn.notNull;
import static io.synod.sql.sys.SysColumn.nullable;
import static org.apache.calcite.sql.type.SqlTypeName.BIGINT;
import static org.apache.calcite.sql.type.SqlTypeName.BOOLEAN;
import static org.apache.calcite.sql.type.SqlTypeName.DOUBLE;
import static org.apache.calcite.sql.type.SqlTypeName.INTEGER;
import static org.apache.calcite.sql.type.SqlTypeName.TIMESTAMP;
import static org.apache.calcite.sql.type.SqlTypeName.VARCHAR;

/**
 * The tables of the {@code sys} schema, by (upper-case) name: NODES, CONSENSUS_GROUPS (GROUPS is
 * a reserved word), REPLICAS, LOG,
 * TRANSACTIONS and NODE_STATS. The first four and the last come from {@link ClusterInfo}; the
 * transactions are the ones in flight on this gateway.
 */
public final class SysTables {

    /** How many recent log entries {@code sys.log} shows. */
    public static final int LOG_ROWS = 1000;

    private SysTables() {
    }

    public static Map<String, Table> create(ClusterInfo cluster, Supplier<List<TransactionInfo>> transactions) {
        return Map.of(
                "NODES", nodes(cluster),
                "CONSENSUS_GROUPS", groups(cluster),
                "REPLICAS", replicas(cluster),
                "LOG", log(cluster),
                "TRANSACTIONS", transactions(transactions),
                "NODE_STATS", nodeStats(cluster));
    }

    static SysTable nodes(ClusterInfo cluster) {
        return new SysTable(List.of(
                notNull("NODE_ID", BIGINT), notNull("ADDRESS", VARCHAR), notNull("UP", BOOLEAN)),
                () -> cluster.nodes().stream()
                        .map(n -> new Object[] {n.id(), n.address(), n.up()}).toList());
    }

    static SysTable groups(ClusterInfo cluster) {
        return new SysTable(List.of(
                notNull("GROUP_ID", BIGINT), nullable("LEADER_ID", BIGINT), notNull("TERM", BIGINT),
                notNull("COMMIT_INDEX", BIGINT), notNull("VOTERS", INTEGER), notNull("LEARNERS", INTEGER)),
                () -> cluster.groups().stream()
                        .map(g -> new Object[] {g.id(), g.leaderId() == 0 ? null : g.leaderId(), g.term(),
                                g.commitIndex(), g.voters(), g.learners()}).toList());
    }

    static SysTable replicas(ClusterInfo cluster) {
        return new SysTable(List.of(
                notNull("GROUP_ID", BIGINT), notNull("NODE_ID", BIGINT), notNull("ROLE", VARCHAR),
                notNull("TERM", BIGINT), notNull("COMMIT_INDEX", BIGINT), notNull("APPLIED_INDEX", BIGINT),
                notNull("LAST_INDEX", BIGINT), notNull("LAG_ENTRIES", BIGINT)),
                () -> cluster.replicas().stream()
                        .map(r -> new Object[] {r.groupId(), r.nodeId(), r.role(), r.term(), r.commitIndex(),
                                r.appliedIndex(), r.lastIndex(), r.lag()}).toList());
    }

    static SysTable log(ClusterInfo cluster) {
        return new SysTable(List.of(
                notNull("GROUP_ID", BIGINT), notNull("LOG_INDEX", BIGINT), notNull("TERM", BIGINT),
                notNull("KIND", VARCHAR), notNull("SIZE_BYTES", INTEGER), nullable("APPENDED_AT", TIMESTAMP)),
                () -> cluster.recentLog(LOG_ROWS).stream()
                        .map(e -> new Object[] {e.groupId(), e.index(), e.term(), e.kind(), e.sizeBytes(),
                                millis(e.appendedAt())}).toList());
    }

    static SysTable transactions(Supplier<List<TransactionInfo>> transactions) {
        return new SysTable(List.of(
                notNull("TRANSACTION_ID", BIGINT), notNull("CONNECTION_ID", BIGINT), nullable("USER_NAME", VARCHAR),
                notNull("STARTED_AT", TIMESTAMP), notNull("STORE_READS", BIGINT), notNull("HAS_WRITES", BOOLEAN),
                notNull("STATE", VARCHAR), notNull("READ_ONLY", BOOLEAN)),
                () -> transactions.get().stream()
                        .map(t -> new Object[] {t.id(), t.connectionId(), t.user(), millis(t.startedAt()), t.reads(),
                                t.hasWrites(), t.state(), t.readOnly()}).toList());
    }

    static SysTable nodeStats(ClusterInfo cluster) {
        return new SysTable(List.of(
                notNull("NODE_ID", BIGINT), nullable("APPLIED_PER_SECOND", DOUBLE),
                nullable("LATENCY_P50_MS", DOUBLE), nullable("LATENCY_P99_MS", DOUBLE),
                nullable("LATENCY_MAX_MS", DOUBLE), notNull("SAMPLES", BIGINT)),
                () -> cluster.nodeStats().stream()
                        .map(s -> new Object[] {s.nodeId(), orNull(s.appliedPerSecond()), orNull(s.latencyP50Ms()),
                                orNull(s.latencyP99Ms()), orNull(s.latencyMaxMs()), s.samples()}).toList());
    }

    private static Long millis(Instant t) {
        return t == null ? null : t.toEpochMilli();
    }

    /** An unmeasured figure (NaN) shows as NULL, which SQL aggregates skip, rather than NaN. */
    private static Double orNull(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
