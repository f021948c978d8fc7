package io.synod.sql.session;

import io.synod.sql.kv.ReadConsistency;
import io.synod.sql.kv.SqlKv;
import io.synod.sql.sys.TransactionInfo;
import io.synod.sql.txn.Savepoint;
import io.synod.sql.txn.Transaction;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The transaction state of one connection: which transaction its statements run in, when that
 * transaction begins (lazily, at the first read or write the planner makes through
 * {@link #transaction()}) and ends, and with which read consistency.
 *
 * <p>Autocommit: every statement is one transaction, committed after the statement (a query's
 * when its rows have been read) and rolled back when the statement fails. Explicit (autocommit
 * off, or a BEGIN block): statements share one transaction until COMMIT or ROLLBACK; each runs
 * under a savepoint, so a failed statement undoes only its own writes. A conflict at commit
 * rolls the whole transaction back (40001); in an explicit transaction the session then refuses
 * statements (25P02) until the client ends it, so work never silently continues in a new one.
 *
 * <p>Confined to the connection's thread, except {@link #transactions()} (read by
 * {@code sys.transactions} from any thread).
 */
public final class SynodSession {

    private static final AtomicLong TRANSACTION_IDS = new AtomicLong();

    private final long connectionId;
    private final String user;
    private final SqlKv kv;
    private final Clock clock;
    private final Set<TransactionHandle> live = ConcurrentHashMap.newKeySet();

    private boolean autoCommit = true;
    private boolean readOnly;
    private boolean inBlock;
    private boolean blockReadOnly;
    private boolean aborted;
    private boolean statementIsQuery;
    private ConsistencySetting consistency;
    private TransactionHandle current;
    private volatile AtomicBoolean statementCancelled = new AtomicBoolean();

    SynodSession(long connectionId, String user, SqlKv kv, ConsistencySetting consistency, Clock clock) {
        this.connectionId = connectionId;
        this.user = user;
        this.kv = kv;
        this.consistency = consistency;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ what the planner sees

    /** The transaction the running statement reads and writes through, begun on first use. */
    public Transaction transaction() {
        if (current == null) {
            boolean txnReadOnly = transactionReadOnly();
            ReadConsistency level = consistency.forTransaction(txnReadOnly);
            current = new TransactionHandle(TRANSACTION_IDS.incrementAndGet(), clock.instant(),
                    new CountingSqlKv(kv), level, txnReadOnly);
            live.add(current);
        }
        return current.transaction;
    }

    /** The transaction statements run in now, or null when none has begun. */
    Transaction transactionIfBegun() {
        return current == null ? null : current.transaction;
    }

    /** A linearizable transaction outside the session's, on the same store; the caller commits it. */
    Transaction independentTransaction() {
        return new Transaction(kv, ReadConsistency.LINEARIZABLE);
    }

    /** The read consistency a transaction begun now would use. */
    public ReadConsistency readConsistency() {
        return consistency.forTransaction(transactionReadOnly());
    }

    /** Whether a transaction begun now is read-only (by setting, by block, or as an autocommit query). */
    private boolean transactionReadOnly() {
        return readOnly || blockReadOnly || (!explicit() && statementIsQuery);
    }

    // ------------------------------------------------------------------ settings

    boolean autoCommit() {
        return autoCommit;
    }

    /** Switching autocommit on commits the transaction in progress, as JDBC requires. */
    void autoCommit(boolean on) throws SQLException {
        if (on && !autoCommit) {
            commit();
        }
        autoCommit = on;
    }

    boolean readOnly() {
        return readOnly;
    }

    void readOnly(boolean on) throws SQLException {
        if (on != readOnly && current != null && explicit()) {
            throw SqlErrors.create(SqlStates.ACTIVE_TRANSACTION,
                    "cannot change read-only mode inside a transaction: COMMIT or ROLLBACK first");
        }
        readOnly = on;
    }

    ConsistencySetting consistency() {
        return consistency;
    }

    void consistency(ConsistencySetting setting) {
        consistency = setting;
    }

    /** Whether statements share a transaction until COMMIT/ROLLBACK. */
    boolean explicit() {
        return !autoCommit || inBlock;
    }

    boolean inTransaction() {
        return current != null || inBlock || aborted;
    }

    // ------------------------------------------------------------------ statements

    /** A fresh cancel flag for the statement about to run, which its planner will check. */
    AtomicBoolean newStatementCancelFlag() {
        statementCancelled = new AtomicBoolean();
        return statementCancelled;
    }

    /** The cancel flag of the statement running (or last run) in this session. */
    AtomicBoolean statementCancelled() {
        return statementCancelled;
    }

    /** What a statement needs to undo itself: the savepoint it began at, if its transaction existed. */
    record StatementScope(Savepoint savepoint, boolean ownsTransaction) {
    }

    /** Starts a statement; {@code query} marks a statement known to only read. */
    StatementScope beginStatement(boolean query) throws SQLException {
        if (aborted) {
            throw SqlErrors.create(SqlStates.IN_FAILED_TRANSACTION,
                    "the transaction was rolled back after a conflict: ROLLBACK (or COMMIT) to end it first");
        }
        if (current != null && !explicit()) {
            if (current.streaming) {
                throw SqlErrors.create(SqlStates.INTERNAL_ERROR,
                        "an autocommit result set still reads in the session's transaction");
            }
            // Left by a catalog lookup outside any statement (metadata): only reads, complete it.
            TransactionHandle leftover = current;
            try {
                finish(leftover);
            } catch (SQLException e) {
                // What it read reached no statement: nothing depends on its outcome.
            }
        }
        statementIsQuery = query;
        if (current != null && explicit()) {
            return new StatementScope(current.transaction.mark(), false);
        }
        return new StatementScope(null, true);
    }

    /**
     * Ends a statement that ran: enforces read-only mode, then in autocommit commits the
     * transaction, unless {@code keepForResultSet}: then the caller takes the transaction and
     * commits it when the rows are read ({@link #finish}).
     */
    TransactionHandle statementSucceeded(StatementScope scope, boolean keepForResultSet) throws SQLException {
        if (current != null) {
            current.noteWrites();
        }
        if (current != null && (readOnly || blockReadOnly) && current.transaction.isActive()
                && current.transaction.hasWrites()) {
            statementFailed(scope);
            throw SqlErrors.create(SqlStates.READ_ONLY_TRANSACTION, "cannot write in a read-only transaction");
        }
        if (explicit()) {
            if (scope.savepoint() != null) {
                current.transaction.release(scope.savepoint());
            }
            return null;
        }
        TransactionHandle handle = current;
        if (handle == null) {
            return null;
        }
        if (keepForResultSet) {
            // Stays current: the rows are read lazily and may still begin reads through transaction().
            handle.streaming = true;
            return handle;
        }
        finish(handle);
        return null;
    }

    /** Undoes a failed statement: its savepoint in an explicit transaction, else its whole transaction. */
    void statementFailed(StatementScope scope) {
        if (current == null) {
            return;
        }
        Transaction txn = current.transaction;
        if (!txn.isActive()) {
            abandonCurrent();
            return;
        }
        if (scope.savepoint() != null) {
            txn.rollbackTo(scope.savepoint());
            txn.release(scope.savepoint());
        } else if (scope.ownsTransaction()) {
            txn.rollback();
            forget(current);
            current = null;
        }
    }

    /** Commits a transaction handed out by {@link #statementSucceeded} once its statement is complete. */
    void finish(TransactionHandle handle) throws SQLException {
        release(handle);
        try {
            if (handle.transaction.isActive()) {
                handle.state("COMMITTING");
                handle.transaction.commit();
            }
        } catch (RuntimeException e) {
            handle.transaction.rollback();
            throw SqlErrors.translate(e);
        } finally {
            forget(handle);
        }
    }

    /** Drops a transaction handed out by {@link #statementSucceeded} without committing it. */
    void abandon(TransactionHandle handle) {
        release(handle);
        if (handle.transaction.isActive()) {
            handle.transaction.rollback();
        }
        forget(handle);
    }

    // ------------------------------------------------------------------ transaction control

    /** BEGIN / START TRANSACTION: statements share one transaction until COMMIT or ROLLBACK. */
    void begin(boolean readOnlyBlock) throws SQLException {
        if (inTransaction() && explicit()) {
            throw SqlErrors.create(SqlStates.ACTIVE_TRANSACTION, "a transaction is already in progress");
        }
        inBlock = true;
        blockReadOnly = readOnlyBlock;
    }

    /** SET TRANSACTION READ ONLY / READ WRITE: only before the transaction's first statement. */
    void transactionReadOnly(boolean on) throws SQLException {
        if (current != null) {
            throw SqlErrors.create(SqlStates.ACTIVE_TRANSACTION,
                    "SET TRANSACTION must come before the transaction's first statement");
        }
        blockReadOnly = on;
    }

    /** Commits the explicit transaction; a conflict rolls it back and throws 40001. */
    void commit() throws SQLException {
        try {
            if (aborted) {
                throw SqlErrors.create(SqlStates.SERIALIZATION_FAILURE,
                        "the transaction was rolled back after a conflict; nothing was committed");
            }
            if (current != null) {
                finish(current);
            }
        } finally {
            endBlock();
        }
    }

    /** Rolls the explicit transaction back; harmless when there is none. */
    void rollback() {
        if (current != null) {
            abandon(current);
        }
        endBlock();
    }

    /** After a conflict inside an explicit transaction: rolled back, and the client must end it. */
    void abortAfterConflict() {
        if (current != null) {
            abandon(current);
        }
        if (explicit()) {
            aborted = true;
        }
    }

    Savepoint savepoint() throws SQLException {
        if (!explicit()) {
            throw SqlErrors.create(SqlStates.NO_ACTIVE_TRANSACTION, "savepoints need a transaction: autocommit is on");
        }
        if (aborted) {
            throw SqlErrors.create(SqlStates.IN_FAILED_TRANSACTION, "the transaction was rolled back after a conflict");
        }
        return transaction().mark();
    }

    void rollbackTo(Savepoint savepoint) throws SQLException {
        if (current == null || aborted) {
            throw SqlErrors.create(SqlStates.INVALID_PARAMETER_VALUE, "the savepoint's transaction has ended");
        }
        try {
            current.transaction.rollbackTo(savepoint);
        } catch (IllegalArgumentException e) {
            throw SqlErrors.create(SqlStates.INVALID_PARAMETER_VALUE, "not a savepoint of this transaction", e);
        }
    }

    void release(Savepoint savepoint) throws SQLException {
        if (current == null || aborted) {
            throw SqlErrors.create(SqlStates.INVALID_PARAMETER_VALUE, "the savepoint's transaction has ended");
        }
        try {
            current.transaction.release(savepoint);
        } catch (IllegalArgumentException e) {
            throw SqlErrors.create(SqlStates.INVALID_PARAMETER_VALUE, "not a savepoint of this transaction", e);
        }
    }

    /** On close: every transaction of the session is rolled back. */
    void close() {
        rollback();
        for (TransactionHandle h : List.copyOf(live)) {
            abandon(h);
        }
    }

    /** The session's transactions in flight, for {@code sys.transactions}. */
    public List<TransactionInfo> transactionsInFlight() {
        List<TransactionInfo> out = new ArrayList<>();
        for (TransactionHandle h : live) {
            out.add(new TransactionInfo(h.id, connectionId, user, h.startedAt, h.storeReads(),
                    h.wrote(), aborted && h == current ? "FAILED" : h.state(), h.readOnly));
        }
        return out;
    }

    private void abandonCurrent() {
        forget(current);
        current = null;
    }

    /** {@code handle} is ending: it is no longer the one statements run in. */
    private void release(TransactionHandle handle) {
        if (current == handle) {
            current = null;
        }
    }

    private void forget(TransactionHandle handle) {
        live.remove(handle);
    }

    private void endBlock() {
        inBlock = false;
        blockReadOnly = false;
        aborted = false;
    }
}
