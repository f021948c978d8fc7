package io.synod.sql.session;

import io.synod.sql.SqlEngine;
import io.synod.sql.kv.MemorySqlKv;
import io.synod.sql.sys.InMemoryClusterInfo;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/** An engine over an in-memory store and cluster description, for session tests. */
final class SessionTestSupport implements AutoCloseable {

    final MemorySqlKv kv = new MemorySqlKv();
    final InMemoryClusterInfo cluster = InMemoryClusterInfo.singleNode("127.0.0.1:7000");
    final SqlEngine engine = SqlEngine.create(kv, cluster);

    Connection connect() throws SQLException {
        return engine.connect(new Properties());
    }

    Connection connect(String key, String value) throws SQLException {
        Properties p = new Properties();
        p.setProperty(key, value);
        return engine.connect(p);
    }

    static SynodSession session(Connection c) throws SQLException {
        return c.unwrap(SynodConnection.class).session();
    }

    @Override
    public void close() {
        engine.close();
        kv.close();
    }
}
