package io.synod.sql;

import io.synod.sql.calcite.CalciteConnections;
import io.synod.sql.catalog.Catalog;
import io.synod.sql.catalog.CatalogStore;
import io.synod.sql.catalog.DroppedDataPurger;
import io.synod.sql.encoding.KeySpace;
import io.synod.sql.kv.ByteKeys;
import io.synod.sql.kv.ReadConsistency;
import io.synod.sql.kv.SqlKv;
import io.synod.sql.session.CalciteSession;
import io.synod.sql.session.EngineServices;
import io.synod.sql.session.SessionOptions;
import io.synod.sql.session.SynodConnection;
import io.synod.sql.session.SynodSession;
import io.synod.sql.sys.ClusterInfo;
import io.synod.sql.sys.SysTables;
import io.synod.sql.sys.TransactionInfo;
import io.synod.sql.txn.Sequences;
import io.synod.sql.txn.Transaction;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-process SQL engine over one store: makes JDBC connections ({@link #connect}) that share
 * the catalog cache, the {@code sys} tables and a timer for query timeouts, and keeps the
 * registry of open connections whose transactions {@code sys.transactions} shows. Thread-safe.
 */
public final class SqlEngine implements EngineServices, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SqlEngine.class);
    private static final AtomicLong CONNECTION_IDS = new AtomicLong();

    /** How often the engine looks for dropped tables and indexes whose data is still stored. */
    static final Duration PURGE_INTERVAL = Duration.ofSeconds(5);

    private final SqlKv kv;
    private final Sequences sequences;
    private final CatalogCache catalogs;
    private final Map<String, Table> sysTables;
    private final Set<SynodConnection> connections = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timers;
    private final ExecutorService probes;
    private final ScheduledExecutorService purger;
    private final String version;
    private volatile boolean closed;

    private SqlEngine(SqlKv kv, ClusterInfo clusterInfo, Duration purgeInterval) {
        this.kv = Objects.requireNonNull(kv, "kv");
        this.sequences = new Sequences(kv);
        this.catalogs = new CatalogCache(kv, new CatalogStore(sequences));
        this.sysTables = SysTables.create(Objects.requireNonNull(clusterInfo, "clusterInfo"), this::transactions);
        this.timers = Executors.newSingleThreadScheduledExecutor(daemon("synod-sql-timeouts"));
        this.probes = Executors.newCachedThreadPool(daemon("synod-sql-probe"));
        this.purger = Executors.newSingleThreadScheduledExecutor(daemon("synod-sql-purge"));
        DroppedDataPurger droppedData = new DroppedDataPurger(kv);
        long every = purgeInterval.toMillis();
        purger.scheduleWithFixedDelay(() -> purge(droppedData), every, every, TimeUnit.MILLISECONDS);
        String v = SqlEngine.class.getPackage().getImplementationVersion();
        this.version = v != null ? v : "0.1.0";
    }

    /** An engine whose connections plan with Synod's Calcite configuration. */
    public static SqlEngine create(SqlKv kv, ClusterInfo clusterInfo) {
        return new SqlEngine(kv, clusterInfo, PURGE_INTERVAL);
    }

    /** As {@link #create(SqlKv, ClusterInfo)}, purging dropped data every {@code purgeInterval}. */
    static SqlEngine create(SqlKv kv, ClusterInfo clusterInfo, Duration purgeInterval) {
        return new SqlEngine(kv, clusterInfo, purgeInterval);
    }

    /**
     * DROP only writes a marker so that it is quick and atomic; the rows and index entries are
     * deleted here, in the background, in bounded batches. Every gateway runs this; the purger
     * tolerates that. A store that does not answer now is tried again at the next interval.
     */
    private static void purge(DroppedDataPurger droppedData) {
        try {
            long deleted = droppedData.purgeAll();
            if (deleted > 0) {
                log.info("Deleted {} keys of dropped tables and indexes", deleted);
            }
        } catch (RuntimeException e) {
            log.debug("Purging dropped data failed; trying again later", e);
        }
    }

    /**
     * A new connection. Properties: {@code user}; {@code consistency} = {@code linearizable}
     * (default) or {@code stale}; {@code max_staleness_ms} (default 5000), the bound of stale reads.
     */
    public Connection connect(Properties properties) throws SQLException {
        if (closed) {
            throw io.synod.sql.session.SqlErrors.create("08003", "the SQL engine is closed");
        }
        SessionOptions options = SessionOptions.from(properties == null ? new Properties() : properties);
        long id = CONNECTION_IDS.incrementAndGet();
        SynodSession session = options.newSession(id, kv, Clock.systemUTC());
        CalciteConnection calcite =
                CalciteConnections.open(new CalciteSession(session, catalogs, sequences), sysTables);
        SynodConnection connection = new SynodConnection(id, options.user(), session, calcite, this);
        connections.add(connection);
        return connection;
    }

    /** The transactions in flight on every open connection. */
    public List<TransactionInfo> transactions() {
        List<TransactionInfo> out = new ArrayList<>();
        List<SynodConnection> open = new ArrayList<>(connections);
        open.sort(Comparator.comparingLong(SynodConnection::id));
        for (SynodConnection c : open) {
            out.addAll(c.transactionsInFlight());
        }
        return out;
    }

    // ------------------------------------------------------------------ EngineServices

    @Override
    public ScheduledExecutorService timers() {
        return timers;
    }

    @Override
    public Catalog committedCatalog() {
        Transaction tx = new Transaction(kv, ReadConsistency.LINEARIZABLE);
        try {
            return catalogs.snapshot(tx);
        } finally {
            tx.rollback();
        }
    }

    @Override
    public Catalog plannedCatalog() {
        return catalogs.latest();
    }

    @Override
    public boolean storeReachable(Duration timeout) {
        CompletableFuture<Boolean> probe = CompletableFuture.supplyAsync(() -> {
            kv.scan(KeySpace.CATALOG_VERSION, ByteKeys.keySuccessor(KeySpace.CATALOG_VERSION), 1, false,
                    ReadConsistency.LINEARIZABLE);
            return true;
        }, probes);
        try {
            return probe.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public void connectionClosed(SynodConnection connection) {
        connections.remove(connection);
    }

    /** Closes every connection (rolling back their transactions); the store stays open (its owner closes it). */
    @Override
    public void close() {
        closed = true;
        for (SynodConnection c : List.copyOf(connections)) {
            c.close();
        }
        timers.shutdownNow();
        probes.shutdownNow();
        purger.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
