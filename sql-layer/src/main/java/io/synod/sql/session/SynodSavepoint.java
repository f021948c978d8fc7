package io.synod.sql.session;

import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.concurrent.atomic.AtomicInteger;

/** A JDBC savepoint over a transaction's {@link io.synod.sql.txn.Savepoint}. */
record SynodSavepoint(io.synod.sql.txn.Savepoint savepoint, String name, int id) implements Savepoint {

    private static final AtomicInteger IDS = new AtomicInteger();

    SynodSavepoint(io.synod.sql.txn.Savepoint savepoint, String name) {
        this(savepoint, name, IDS.incrementAndGet());
    }

    static SynodSavepoint of(Savepoint savepoint) throws SQLException {
        if (savepoint instanceof SynodSavepoint s) {
            return s;
        }
        throw SqlErrors.create(SqlStates.INVALID_PARAMETER_VALUE, "not a savepoint of this connection");
    }

    @Override
    public int getSavepointId() throws SQLException {
        if (name != null) {
            throw SqlErrors.create(SqlStates.INVALID_PARAMETER_VALUE, "a named savepoint has no id");
        }
        return id;
    }

    @Override
    public String getSavepointName() throws SQLException {
        if (name == null) {
            throw SqlErrors.create(SqlStates.INVALID_PARAMETER_VALUE, "an unnamed savepoint has no name");
        }
        return name;
    }
}
