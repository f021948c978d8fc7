package io.synod.kv.statemachine.store;

import io.synod.proto.kv.KeyValue;
import io.synod.proto.kv.KvSession;
import org.sqlite.SQLiteConfig;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@link SnapshotReader} on its own read-only connection. Its transaction's first read fixes
 * the WAL snapshot, so reading the applied index at once pins the view to the moment of opening.
 */
final class SqliteSnapshotReader implements SnapshotReader {

    private final Path file;
    private final Connection conn;
    private final long appliedIndex;

    SqliteSnapshotReader(Path file) throws SQLException {
        this.file = file;
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(10_000);
        this.conn = config.createConnection("jdbc:sqlite:" + file);
        try {
            conn.setAutoCommit(false);
            this.appliedIndex = SqliteStateStore.readMeta(conn, SqliteStateStore.appliedIndexName());
        } catch (SQLException e) {
            conn.close();
            throw e;
        }
    }

    @Override
    public long appliedIndex() {
        return appliedIndex;
    }

    @Override
    public void forEachRecord(Consumer<KeyValue> action) {
        try (Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + SqliteStateStore.recordColumns() + " FROM records ORDER BY key")) {
            while (rs.next()) {
                action.accept(SqliteStateStore.record(rs));
            }
        } catch (SQLException e) {
            throw new StateStoreException("snapshot of " + file + " failed to read records", e);
        }
    }

    @Override
    public List<KvSession> sessions() {
        try {
            return SqliteStateStore.sessions(conn);
        } catch (SQLException e) {
            throw new StateStoreException("snapshot of " + file + " failed to read sessions", e);
        }
    }

    @Override
    public void close() {
        try {
            conn.rollback();
            conn.close();
        } catch (SQLException e) {
            throw new StateStoreException("snapshot of " + file + " failed to close", e);
        }
    }
}
