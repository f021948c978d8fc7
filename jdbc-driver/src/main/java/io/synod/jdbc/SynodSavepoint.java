package io.synod.jdbc;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Savepoint;

/**
 * A savepoint of a {@link SynodConnection}: unnamed ones get an id and a generated SQL name,
 * named ones keep the caller's name (quoted in SQL, so its case is kept).
 */
final class SynodSavepoint implements Savepoint {

    private final int id;
    private final String name;
    private final String sqlName;

    private SynodSavepoint(int id, String name, String sqlName) {
        this.id = id;
        this.name = name;
        this.sqlName = sqlName;
    }

    static SynodSavepoint unnamed(int id) {
        return new SynodSavepoint(id, null, "SYNOD_SAVEPOINT_" + id);
    }

    static SynodSavepoint named(String name) throws SQLException {
        if (name == null || name.isEmpty() || name.indexOf('"') >= 0) {
            throw new SQLException("invalid savepoint name: " + name + " (it must be non-empty, without '\"')", "42602");
        }
        return new SynodSavepoint(0, name, '"' + name + '"');
    }

    /** How SAVEPOINT, ROLLBACK TO and RELEASE name it. */
    String sqlName() {
        return sqlName;
    }

    @Override
    public int getSavepointId() throws SQLException {
        if (name != null) {
            throw new SQLFeatureNotSupportedException("savepoint " + name + " is named: it has no id", "3B001");
        }
        return id;
    }

    @Override
    public String getSavepointName() throws SQLException {
        if (name == null) {
            throw new SQLFeatureNotSupportedException("savepoint " + id + " is unnamed: it has no name", "3B001");
        }
        return name;
    }
}
