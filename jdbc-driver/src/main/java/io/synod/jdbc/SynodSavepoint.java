package io.synod.jdbc;

import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * A savepoint of a {@link SynodConnection}: the engine keeps it under {@code sqlName}. An unnamed
 * one (JDBC's setSavepoint()) has an id and a generated name the application never sees.
 *
 * @param id null for a named savepoint
 */
record SynodSavepoint(Integer id, String sqlName) implements Savepoint {

    static SynodSavepoint of(Savepoint savepoint) throws SQLException {
        if (savepoint instanceof SynodSavepoint ours) {
            return ours;
        }
        throw new SQLException("not a savepoint of this driver: " + savepoint, "3B001");
    }

    String quotedName() {
        return '"' + sqlName.replace("\"", "\"\"") + '"';
    }

    @Override
    public int getSavepointId() throws SQLException {
        if (id == null) {
            throw new SQLException("savepoint " + sqlName + " is named and has no id", "3B001");
        }
        return id;
    }

    @Override
    public String getSavepointName() throws SQLException {
        if (id != null) {
            throw new SQLException("savepoint " + id + " is unnamed", "3B001");
        }
        return sqlName;
    }
}
