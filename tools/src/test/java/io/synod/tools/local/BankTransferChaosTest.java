package io.synod.tools.local;

import io.synod.kv.client.AdminClient;
import io.synod.tools.shell.JdbcUrls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bank transfers through JDBC in explicit transactions on a 3-process cluster while the leader
 * is killed with {@code kill -9} and restarted, twice. Each transfer moves money between two
 * accounts and records itself in {@code transfers} in the same transaction. Checked: every
 * transaction that read the total balance saw the initial total; every transfer whose commit
 * was acknowledged is in {@code transfers}; and the final balances are exactly what the recorded
 * transfers imply (so no transfer was half-applied, lost or applied twice).
 */
class BankTransferChaosTest {

    private static final int ACCOUNTS = 20;
    private static final long INITIAL = 1_000;
    private static final int CLIENTS = 4;
    private static final int MIN_ACKNOWLEDGED = 20;
    private static final Set<String> INDETERMINATE_STATES = Set.of("08006", "08003", "08001", "40003");

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void transfersKeepTheTotalAndSurviveLeaderCrashes() throws Exception {
        List<Integer> ports = List.of(LocalCluster.freePort(), LocalCluster.freePort(),
                LocalCluster.freePort());
        try (LocalCluster cluster = new LocalCluster(dir, ports, List.of("--snapshot-threshold", "500"), (s, p) -> { });
             AdminClient admin = new AdminClient(cluster.addresses(), 0, Duration.ofSeconds(5))) {
            cluster.startAll();
            cluster.awaitServing(Duration.ofSeconds(60));
            String url = JdbcUrls.forAddresses(cluster.addresses());
            createAccounts(url);

            AtomicBoolean running = new AtomicBoolean(true);
            Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicLong badTotals = new AtomicLong();
            AtomicLong totalsSeen = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            List<Throwable> failures = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                threads.add(start("transfers-" + c, failures, () -> transfers(url, client, running, acknowledged)));
            }
            threads.add(start("auditor", failures, () -> audit(url, running, badTotals, totalsSeen)));

            Thread.sleep(2_000);
            for (int round = 0; round < 2; round++) {
                long leader = ClusterChecks.awaitLeader(admin);
                cluster.kill(leader);
                Thread.sleep(3_000);
                cluster.start(leader);
                Thread.sleep(3_000);
            }
            // On a loaded machine transfers crawl: give them time to prove progress after the crashes.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (acknowledged.size() <= MIN_ACKNOWLEDGED && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            running.set(false);
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(30));
            }
            assertThat(failures).as("client threads that failed outright").isEmpty();
            ClusterChecks.awaitAllCaughtUp(admin, 3);

            assertThat(acknowledged).as("acknowledged transfers").hasSizeGreaterThan(MIN_ACKNOWLEDGED);
            assertThat(totalsSeen.get()).as("audits that completed").isPositive();
            assertThat(badTotals.get()).as("audits that saw a wrong total").isZero();
            verifyFinalState(url, acknowledged);
        }
    }

    private static void createAccounts(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance BIGINT NOT NULL)");
            s.execute("CREATE TABLE transfers (id BIGINT PRIMARY KEY, src INTEGER NOT NULL, dst INTEGER NOT NULL, "
                    + "amount BIGINT NOT NULL)");
            StringBuilder insert = new StringBuilder("INSERT INTO accounts VALUES ");
            for (int id = 0; id < ACCOUNTS; id++) {
                insert.append(id == 0 ? "" : ", ").append('(').append(id).append(", ").append(INITIAL).append(')');
            }
            s.execute(insert.toString());
        }
    }

    /** One client: transfers until stopped, reconnecting when its connection is lost. */
    private static void transfers(String url, int client, AtomicBoolean running, Set<Long> acknowledged)
            throws Exception {
        SplittableRandom random = new SplittableRandom(client);
        long sequence = 0;
        while (running.get()) {
            try (Connection c = DriverManager.getConnection(url)) {
                c.setAutoCommit(false);
                try (PreparedStatement read = c.prepareStatement("SELECT balance FROM accounts WHERE id = ?");
                     PreparedStatement update = c.prepareStatement(
                             "UPDATE accounts SET balance = balance + ? WHERE id = ?");
                     PreparedStatement record = c.prepareStatement("INSERT INTO transfers VALUES (?, ?, ?, ?)")) {
                    while (running.get()) {
                        long id = client * 1_000_000L + sequence++;
                        int src = random.nextInt(ACCOUNTS);
                        int dst = (src + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                        long amount = 1 + random.nextInt(50);
                        try {
                            read.setInt(1, src);
                            long balance;
                            try (ResultSet rs = read.executeQuery()) {
                                assertThat(rs.next()).as("account " + src + " exists").isTrue();
                                balance = rs.getLong(1);
                            }
                            if (balance < amount) {
                                c.rollback();
                                continue;
                            }
                            move(update, src, -amount);
                            move(update, dst, amount);
                            record.setLong(1, id);
                            record.setInt(2, src);
                            record.setInt(3, dst);
                            record.setLong(4, amount);
                            record.executeUpdate();
                            c.commit();
                            acknowledged.add(id);
                        } catch (SQLException e) {
                            rollbackQuietly(c);
                            if (!retryable(e)) {
                                throw e;
                            }
                            if (INDETERMINATE_STATES.contains(e.getSQLState())) {
                                break;
                            }
                        }
                    }
                }
            } catch (SQLException e) {
                if (!retryable(e)) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    /** Reads every balance in one transaction and checks the total, until stopped. */
    private static void audit(String url, AtomicBoolean running, AtomicLong badTotals, AtomicLong totalsSeen)
            throws Exception {
        while (running.get()) {
            try (Connection c = DriverManager.getConnection(url)) {
                c.setAutoCommit(false);
                while (running.get()) {
                    long total = 0;
                    try (Statement s = c.createStatement();
                         ResultSet rs = s.executeQuery("SELECT id, balance FROM accounts")) {
                        while (rs.next()) {
                            total += rs.getLong(2);
                        }
                        c.commit();
                    } catch (SQLException e) {
                        rollbackQuietly(c);
                        if (!retryable(e)) {
                            throw e;
                        }
                        if (INDETERMINATE_STATES.contains(e.getSQLState())) {
                            break;
                        }
                        continue;
                    }
                    totalsSeen.incrementAndGet();
                    if (total != ACCOUNTS * INITIAL) {
                        badTotals.incrementAndGet();
                    }
                    Thread.sleep(50);
                }
            } catch (SQLException e) {
                if (!retryable(e)) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static void verifyFinalState(String url, Set<Long> acknowledged) throws SQLException {
        Map<Integer, Long> expected = new HashMap<>();
        for (int id = 0; id < ACCOUNTS; id++) {
            expected.put(id, INITIAL);
        }
        Set<Long> recorded = new HashSet<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT id, src, dst, amount FROM transfers")) {
                while (rs.next()) {
                    recorded.add(rs.getLong(1));
                    expected.merge(rs.getInt(2), -rs.getLong(4), Long::sum);
                    expected.merge(rs.getInt(3), rs.getLong(4), Long::sum);
                }
            }
            Map<Integer, Long> actual = new HashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT id, balance FROM accounts")) {
                while (rs.next()) {
                    actual.put(rs.getInt(1), rs.getLong(2));
                }
            }
            assertThat(recorded).as("acknowledged transfers are all recorded").containsAll(acknowledged);
            assertThat(actual).as("balances implied by the recorded transfers").isEqualTo(expected);
            assertThat(actual.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(ACCOUNTS * INITIAL);
        }
    }

    private static void move(PreparedStatement update, int id, long amount) throws SQLException {
        update.setLong(1, amount);
        update.setInt(2, id);
        assertThat(update.executeUpdate()).as("rows updated for account " + id).isEqualTo(1);
    }

    /** Conflicts and lost or failed-over connections: the client may try again. */
    private static boolean retryable(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("40") || state.startsWith("08"));
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // The connection is gone: its transaction is gone with it.
        }
    }

    private interface Body {
        void run() throws Exception;
    }

    private static Thread start(String name, List<Throwable> failures, Body body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Exception | AssertionError e) {
                synchronized (failures) {
                    failures.add(e);
                }
            }
        }, name);
        thread.start();
        return thread;
    }
}
