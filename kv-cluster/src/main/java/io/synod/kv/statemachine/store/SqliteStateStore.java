package io.synod.kv.statemachine.store;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.synod.proto.kv.KeyValue;
import io.synod.proto.kv.KvSession;
import org.sqlite.SQLiteConfig;

import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link StateStore} in one SQLite file in WAL mode, for lightweight replicas such as learners.
 * Tables: {@code records} (key BLOB PRIMARY KEY, value, create_rev, mod_rev, version) WITHOUT
 * ROWID, so rows are stored in key order and SQLite's BLOB order (memcmp, then length) is the
 * unsigned key order; {@code sessions} (client id, applied index, encoded {@link KvSession});
 * {@code meta} (applied index and the digest's hash sums, updated in each batch's transaction).
 *
 * <p>Snapshots read through their own connection inside one read transaction: WAL gives it a
 * stable view while the writer connection keeps committing. Until the reader closes, checkpoints
 * cannot pass its view, so the WAL file grows with the writes made meanwhile.
 *
 * <p>Durability: {@code synchronous=NORMAL}, so a commit survives a process crash and
 * {@link #sync()} makes it survive power loss by committing once with {@code synchronous=FULL}.
 */
public final class SqliteStateStore implements StateStore {

    private static final String APPLIED_INDEX = "applied_index";
    private static final String RECORD_HASH_SUM = "record_hash_sum";
    private static final String SESSION_HASH_SUM = "session_hash_sum";
    private static final String RECORD_COLUMNS = "key, value, create_rev, mod_rev, version";

    private final Path file;
    private final Connection conn;
    private final PreparedStatement getRecord;
    private final PreparedStatement putRecord;
    private final PreparedStatement deleteRecord;
    private final PreparedStatement getSession;
    private final PreparedStatement putSession;
    private final PreparedStatement deleteSession;
    private final PreparedStatement putMeta;
    /** Scan statements by shape: [end bounded][reverse]. */
    private final PreparedStatement[][] scans = new PreparedStatement[2][2];
    /** Range summaries by shape: [end bounded]; a range search on the primary key, no table scan. */
    private final PreparedStatement[] summaries = new PreparedStatement[2];
    private long appliedIndex;
    private HashSums sums;
    private boolean unsynced;

    private SqliteStateStore(Path file, Connection conn) throws SQLException {
        this.file = file;
        this.conn = conn;
        try (Statement s = conn.createStatement()) {
            s.executeUpdate("CREATE TABLE IF NOT EXISTS records (key BLOB PRIMARY KEY, value BLOB NOT NULL,"
                    + " create_rev INTEGER NOT NULL, mod_rev INTEGER NOT NULL, version INTEGER NOT NULL) WITHOUT ROWID");
            s.executeUpdate("CREATE TABLE IF NOT EXISTS sessions (client_id INTEGER PRIMARY KEY,"
                    + " applied_index INTEGER NOT NULL, data BLOB NOT NULL)");
            s.executeUpdate("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID");
        }
        conn.commit();
        getRecord = conn.prepareStatement("SELECT " + RECORD_COLUMNS + " FROM records WHERE key = ?");
        putRecord = conn.prepareStatement("INSERT OR REPLACE INTO records (" + RECORD_COLUMNS + ") VALUES (?, ?, ?, ?, ?)");
        deleteRecord = conn.prepareStatement("DELETE FROM records WHERE key = ?");
        getSession = conn.prepareStatement("SELECT data FROM sessions WHERE client_id = ?");
        putSession = conn.prepareStatement("INSERT OR REPLACE INTO sessions (client_id, applied_index, data) VALUES (?, ?, ?)");
        deleteSession = conn.prepareStatement("DELETE FROM sessions WHERE client_id = ?");
        putMeta = conn.prepareStatement("INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)");
        for (int bounded = 0; bounded < 2; bounded++) {
            for (int reverse = 0; reverse < 2; reverse++) {
                scans[bounded][reverse] = conn.prepareStatement("SELECT " + RECORD_COLUMNS + " FROM records WHERE key >= ?"
                        + (bounded == 1 ? " AND key < ?" : "") + " ORDER BY key" + (reverse == 1 ? " DESC" : "") + " LIMIT ?");
            }
        }
        for (int bounded = 0; bounded < 2; bounded++) {
            summaries[bounded] = conn.prepareStatement(summarySql(bounded == 1));
        }
        appliedIndex = readMeta(conn, APPLIED_INDEX);
        sums = new HashSums(readMeta(conn, RECORD_HASH_SUM), readMeta(conn, SESSION_HASH_SUM));
        conn.commit();
    }

    /** Opens the store in {@code file}, creating an empty one (applied index 0) if there is none. */
    public static SqliteStateStore open(Path file) {
        Connection conn = null;
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            config.setBusyTimeout(10_000);
            conn = config.createConnection("jdbc:sqlite:" + file);
            conn.setAutoCommit(false);
            return new SqliteStateStore(file, conn);
        } catch (SQLException e) {
            closeQuietly(conn);
            throw new StateStoreException("cannot open state store " + file, e);
        }
    }

    @Override
    public KeyValue get(ByteString key) {
        try {
            getRecord.setBytes(1, key.toByteArray());
            try (ResultSet rs = getRecord.executeQuery()) {
                return rs.next() ? record(rs) : null;
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    @Override
    public List<KeyValue> scan(ByteString start, ByteString end, long limit, boolean reverse) {
        boolean bounded = !end.isEmpty();
        PreparedStatement scan = scans[bounded ? 1 : 0][reverse ? 1 : 0];
        List<KeyValue> out = new ArrayList<>();
        try {
            int p = 1;
            scan.setBytes(p++, start.toByteArray());
            if (bounded) {
                scan.setBytes(p++, end.toByteArray());
            }
            scan.setLong(p, limit > 0 ? limit : -1);
            try (ResultSet rs = scan.executeQuery()) {
                while (rs.next()) {
                    out.add(record(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("scan", e);
        }
    }

    @Override
    public RangeSummary summarize(ByteString start, ByteString end) {
        boolean bounded = !end.isEmpty();
        PreparedStatement summary = summaries[bounded ? 1 : 0];
        try {
            summary.setBytes(1, start.toByteArray());
            if (bounded) {
                summary.setBytes(2, end.toByteArray());
            }
            try (ResultSet rs = summary.executeQuery()) {
                rs.next();
                return new RangeSummary(rs.getLong(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw failure("summarize a range", e);
        }
    }

    @Override
    public long appliedIndex() {
        return appliedIndex;
    }

    @Override
    public List<KvSession> sessions() {
        try {
            return sessions(conn);
        } catch (SQLException e) {
            throw failure("read sessions", e);
        }
    }

    @Override
    public void commit(WriteBatch batch) {
        StoreRules.checkAfter(appliedIndex, batch);
        HashSums next = new HashSums(sums.records, sums.sessions);
        inTransaction("commit at " + batch.appliedIndex(), () -> {
            for (Map.Entry<ByteString, Optional<KeyValue>> change : batch.records().entrySet()) {
                KeyValue before = get(change.getKey());
                KeyValue after = change.getValue().orElse(null);
                if (after != null) {
                    insertRecord(after);
                } else if (before != null) {
                    deleteRecord.setBytes(1, change.getKey().toByteArray());
                    deleteRecord.executeUpdate();
                }
                next.replaceRecord(before, after);
            }
            for (Map.Entry<Long, Optional<KvSession>> change : batch.sessions().entrySet()) {
                KvSession before = session(change.getKey());
                KvSession after = change.getValue().orElse(null);
                if (after != null) {
                    insertSession(after);
                } else if (before != null) {
                    deleteSession.setLong(1, change.getKey());
                    deleteSession.executeUpdate();
                }
                next.replaceSession(before, after);
            }
            writeMeta(batch.appliedIndex(), next);
        });
        appliedIndex = batch.appliedIndex();
        sums = next;
    }

    @Override
    public SnapshotReader openSnapshot() {
        try {
            return new SqliteSnapshotReader(file);
        } catch (SQLException e) {
            throw failure("open a snapshot", e);
        }
    }

    @Override
    public void restoreFrom(long index, InputStream snapshot) {
        HashSums next = new HashSums(0, 0);
        inTransaction("restore at " + index, () -> {
            try (Statement s = conn.createStatement()) {
                s.executeUpdate("DELETE FROM records");
                s.executeUpdate("DELETE FROM sessions");
            }
            long read = SnapshotCodec.read(snapshot, new SnapshotCodec.Sink() {
                @Override
                public void record(KeyValue record) {
                    sql(() -> insertRecord(record));
                    next.replaceRecord(null, record);
                }

                @Override
                public void session(KvSession session) {
                    sql(() -> insertSession(session));
                    next.replaceSession(null, session);
                }
            });
            SnapshotCodec.checkIndex(index, read);
            writeMeta(index, next);
        });
        appliedIndex = index;
        sums = next;
    }

    @Override
    public long digest() {
        return sums.digest(appliedIndex);
    }

    /** Commits one write with {@code synchronous=FULL}, which fsyncs the whole WAL. */
    @Override
    public void sync() {
        if (!unsynced) {
            return;
        }
        try {
            conn.setAutoCommit(true);
            try (Statement s = conn.createStatement()) {
                s.execute("PRAGMA synchronous = FULL");
                s.executeUpdate("UPDATE meta SET value = value WHERE name = '" + APPLIED_INDEX + "'");
                s.execute("PRAGMA synchronous = NORMAL");
            }
            conn.setAutoCommit(false);
            unsynced = false;
        } catch (SQLException e) {
            throw failure("sync", e);
        }
    }

    @Override
    public void close() {
        try {
            if (!conn.isClosed()) {
                sync();
                conn.close();
            }
        } catch (SQLException e) {
            throw failure("close", e);
        }
    }

    private interface SqlAction {
        void run() throws SQLException;
    }

    private void inTransaction(String operation, SqlAction body) {
        try {
            body.run();
            conn.commit();
            unsynced = true;
        } catch (SQLException | RuntimeException e) {
            try {
                conn.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            if (e instanceof SQLException sql) {
                throw failure(operation, sql);
            }
            throw (RuntimeException) e;
        }
    }

    private void sql(SqlAction action) {
        try {
            action.run();
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    private void insertRecord(KeyValue kv) throws SQLException {
        putRecord.setBytes(1, kv.getKey().toByteArray());
        putRecord.setBytes(2, kv.getValue().toByteArray());
        putRecord.setLong(3, kv.getCreateRevision());
        putRecord.setLong(4, kv.getModRevision());
        putRecord.setLong(5, kv.getVersion());
        putRecord.executeUpdate();
    }

    private void insertSession(KvSession session) throws SQLException {
        putSession.setLong(1, session.getClientId());
        putSession.setLong(2, session.getAppliedIndex());
        putSession.setBytes(3, session.toByteArray());
        putSession.executeUpdate();
    }

    private KvSession session(long clientId) throws SQLException {
        getSession.setLong(1, clientId);
        try (ResultSet rs = getSession.executeQuery()) {
            return rs.next() ? parseSession(rs.getBytes(1)) : null;
        }
    }

    private void writeMeta(long index, HashSums s) throws SQLException {
        for (Object[] row : new Object[][] {{APPLIED_INDEX, index}, {RECORD_HASH_SUM, s.records},
                {SESSION_HASH_SUM, s.sessions}}) {
            putMeta.setString(1, (String) row[0]);
            putMeta.setLong(2, (Long) row[1]);
            putMeta.executeUpdate();
        }
    }

    private StateStoreException failure(String operation, SQLException e) {
        return new StateStoreException("state store " + file + " failed to " + operation, e);
    }

    static long readMeta(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT value FROM meta WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    static List<KvSession> sessions(Connection c) throws SQLException {
        List<KvSession> out = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT data FROM sessions ORDER BY applied_index")) {
            while (rs.next()) {
                out.add(parseSession(rs.getBytes(1)));
            }
        }
        return out;
    }

    static KeyValue record(ResultSet rs) throws SQLException {
        return KeyValue.newBuilder()
                .setKey(ByteString.copyFrom(rs.getBytes(1)))
                .setValue(ByteString.copyFrom(bytesOrEmpty(rs.getBytes(2))))
                .setCreateRevision(rs.getLong(3))
                .setModRevision(rs.getLong(4))
                .setVersion(rs.getLong(5))
                .build();
    }

    static String summarySql(boolean bounded) {
        return "SELECT COUNT(*), COALESCE(MAX(mod_rev), 0) FROM records WHERE key >= ?" + (bounded ? " AND key < ?" : "");
    }

    static String recordColumns() {
        return RECORD_COLUMNS;
    }

    static String appliedIndexName() {
        return APPLIED_INDEX;
    }

    /** SQLite hands back an empty BLOB as null. */
    private static byte[] bytesOrEmpty(byte[] b) {
        return b == null ? new byte[0] : b;
    }

    private static KvSession parseSession(byte[] data) {
        try {
            return KvSession.parseFrom(data);
        } catch (InvalidProtocolBufferException e) {
            throw new StateStoreException("damaged session record", e);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // Already failing to open; the original error is the one to report.
            }
        }
    }
}
