package io.synod.sql.session;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One run of a statement, from execute until its rows are read: enforces the query timeout and
 * carries a cancel request. Both cancel the Calcite statement (which stops between rows) and
 * make every later step of the run fail with SQLState 57014.
 */
final class Execution {

    private enum Stop { NONE, TIMED_OUT, CANCELED }

    private final Statement calcite;
    private final AtomicBoolean plannerCancel;
    private final int timeoutSeconds;
    private final ScheduledFuture<?> timer;
    private volatile Stop stop = Stop.NONE;

    /** @param plannerCancel the flag the statement's planner checks: set on cancel and timeout */
    Execution(Statement calcite, int timeoutSeconds, ScheduledExecutorService timers, AtomicBoolean plannerCancel) {
        this.calcite = calcite;
        this.plannerCancel = plannerCancel;
        this.timeoutSeconds = timeoutSeconds;
        this.timer = timeoutSeconds > 0
                ? timers.schedule(() -> interrupt(Stop.TIMED_OUT), timeoutSeconds, TimeUnit.SECONDS)
                : null;
    }

    /** Statement.cancel(): from any thread. */
    void cancel() {
        interrupt(Stop.CANCELED);
    }

    private void interrupt(Stop why) {
        if (stop == Stop.NONE) {
            stop = why;
            plannerCancel.set(true);
            try {
                calcite.cancel();
            } catch (SQLException | RuntimeException e) {
                // The statement has finished or closed: the flag alone stops the next step.
            }
        }
    }

    /** Throws 57014 when the run has been cancelled or timed out. */
    void check() throws SQLException {
        if (stop != Stop.NONE) {
            throw stopped(null);
        }
    }

    /** The error for {@code error} raised during this run: 57014 when it was stopped, else its translation. */
    SQLException translate(Throwable error) {
        return stop != Stop.NONE ? stopped(error) : SqlErrors.translate(error);
    }

    /** The run is over (rows read or statement failed): the timer is no longer needed. */
    void finish() {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private SQLException stopped(Throwable cause) {
        SQLException e = stop == Stop.TIMED_OUT
                ? new SQLTimeoutException("canceling statement due to statement timeout ("
                        + timeoutSeconds + " s)", SqlStates.QUERY_CANCELED)
                : new SQLException("canceling statement due to user request", SqlStates.QUERY_CANCELED);
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }
}
