package io.synod.tools.bench;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * SQL load through JDBC, one connection per client: point selects by primary key, single-row
 * inserts, and bank transfers (two reads and two updates in one serializable transaction,
 * retried on SQLState 40001). Tables are created by {@link #prepare} and dropped by {@link #cleanUp}.
 */
final class SqlWorkload {

    enum Op {
        POINT_SELECT("point-select"), INSERT("insert"), TRANSFER("transfer");

        final String label;

        Op(String label) {
            this.label = label;
        }
    }

    /** Concurrent clients of the initial warm-up. */
    static final int WARMUP_CLIENTS = 16;
    static final int ACCOUNTS = 1_000;
    static final long INITIAL_BALANCE = 1_000;
    private static final String ACCOUNTS_TABLE = "bench_accounts";
    private static final String EVENTS_TABLE = "bench_events";
    private static final String SERIALIZATION_FAILURE = "40001";

    private final String url;
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong nextEventId = new AtomicLong();

    SqlWorkload(String url) {
        this.url = url;
    }

    /** Creates the benchmark tables (dropping leftovers of an earlier run) and loads the accounts. */
    void prepare() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + ACCOUNTS_TABLE);
            s.execute("DROP TABLE IF EXISTS " + EVENTS_TABLE);
            s.execute("CREATE TABLE " + ACCOUNTS_TABLE + " (id INTEGER PRIMARY KEY, balance BIGINT NOT NULL, "
                    + "owner VARCHAR(40) NOT NULL)");
            s.execute("CREATE TABLE " + EVENTS_TABLE + " (id BIGINT PRIMARY KEY, account INTEGER NOT NULL, "
                    + "amount DECIMAL(12, 2) NOT NULL, note VARCHAR(80))");
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO " + ACCOUNTS_TABLE + " (id, balance, owner) VALUES (?, ?, ?)")) {
                for (int id = 0; id < ACCOUNTS; id++) {
                    insert.setInt(1, id);
                    insert.setLong(2, INITIAL_BALANCE);
                    insert.setString(3, "owner-" + id);
                    insert.addBatch();
                    if (id % 100 == 99) {
                        insert.executeBatch();
                        c.commit();
                    }
                }
                insert.executeBatch();
                c.commit();
            }
        }
    }

    /** The sum of all balances: transfers must leave it at ACCOUNTS * INITIAL_BALANCE. */
    long totalBalance() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT SUM(balance) FROM " + ACCOUNTS_TABLE)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void cleanUp() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + ACCOUNTS_TABLE);
            s.execute("DROP TABLE IF EXISTS " + EVENTS_TABLE);
        }
    }

    /** Transactions retried after a serialization failure so far. */
    long retries() {
        return retries.get();
    }

    /**
     * Unrecorded mixed load (the clients take turns at the three operations) before the first
     * phase: freshly started JVMs spend their first seconds compiling the hot paths of the SQL
     * engine, Calcite, Avatica and gRPC, and a phase measured meanwhile shows the compilers.
     */
    void warmUp(Duration duration) throws InterruptedException {
        if (duration.isZero()) {
            return;
        }
        // One closed-loop phase whose summary is dropped: nothing from the warm-up is reported.
        ClosedLoop.run("warmup", WARMUP_CLIENTS, Duration.ZERO, duration,
                t -> newClient(Op.values()[t % Op.values().length], t));
    }

    PhaseResult run(Op op, int clients, Duration warmup, Duration measured) throws InterruptedException {
        return ClosedLoop.run(op.label, clients, warmup, measured, t -> newClient(op, t));
    }

    private ClosedLoop.Client newClient(Op op, int index) {
        try {
            Connection connection = connect();
            SplittableRandom random = new SplittableRandom(17L * index + op.ordinal());
            ClosedLoop.Client body = switch (op) {
                case POINT_SELECT -> pointSelect(connection, random);
                case INSERT -> insert(connection, random);
                case TRANSFER -> transfer(connection, random);
            };
            return new ClosedLoop.Client() {
                @Override
                public boolean next() throws Exception {
                    return body.next();
                }

                @Override
                public void close() throws SQLException {
                    connection.close();
                }
            };
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to " + url + ": " + e.getMessage(), e);
        }
    }

    private ClosedLoop.Client pointSelect(Connection connection, SplittableRandom random) throws SQLException {
        PreparedStatement select = connection.prepareStatement(
                "SELECT balance, owner FROM " + ACCOUNTS_TABLE + " WHERE id = ?");
        return () -> {
            try {
                select.setInt(1, random.nextInt(ACCOUNTS));
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next();
                }
            } catch (SQLException e) {
                return false;
            }
        };
    }

    private ClosedLoop.Client insert(Connection connection, SplittableRandom random) throws SQLException {
        PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + EVENTS_TABLE + " (id, account, amount, note) VALUES (?, ?, ?, ?)");
        return () -> {
            try {
                insert.setLong(1, nextEventId.incrementAndGet());
                insert.setInt(2, random.nextInt(ACCOUNTS));
                insert.setBigDecimal(3, BigDecimal.valueOf(random.nextInt(100_000), 2));
                insert.setString(4, "bench event");
                return insert.executeUpdate() == 1;
            } catch (SQLException e) {
                return false;
            }
        };
    }

    private ClosedLoop.Client transfer(Connection connection, SplittableRandom random) throws SQLException {
        connection.setAutoCommit(false);
        PreparedStatement read = connection.prepareStatement(
                "SELECT balance FROM " + ACCOUNTS_TABLE + " WHERE id = ?");
        PreparedStatement update = connection.prepareStatement(
                "UPDATE " + ACCOUNTS_TABLE + " SET balance = balance + ? WHERE id = ?");
        return () -> {
            int from = random.nextInt(ACCOUNTS);
            int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
            long amount = 1 + random.nextInt(10);
            while (true) {
                try {
                    long balance = balance(read, from);
                    balance(read, to);
                    if (balance >= amount) {
                        move(update, from, -amount);
                        move(update, to, amount);
                    }
                    connection.commit();
                    return true;
                } catch (SQLException e) {
                    connection.rollback();
                    if (!SERIALIZATION_FAILURE.equals(e.getSQLState())) {
                        return false;
                    }
                    retries.incrementAndGet();
                }
            }
        };
    }

    private static long balance(PreparedStatement read, int id) throws SQLException {
        read.setInt(1, id);
        try (ResultSet rs = read.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("account " + id + " is missing", "02000");
            }
            return rs.getLong(1);
        }
    }

    private static void move(PreparedStatement update, int id, long amount) throws SQLException {
        update.setLong(1, amount);
        update.setInt(2, id);
        if (update.executeUpdate() != 1) {
            throw new SQLException("account " + id + " is missing", "02000");
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "synod", "");
    }
}
