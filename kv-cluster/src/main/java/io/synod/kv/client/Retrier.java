package io.synod.kv.client;

import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.Status;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Runs one request with retries until it succeeds, fails for good, or its deadline passes.
 * Follows leader hints at once; on an unavailable node, a lost connection or an attempt that
 * timed out, moves to the next node after an exponential backoff with jitter. Never blocks:
 * retries are scheduled on a timer thread and attempts are asynchronous calls.
 *
 * <p>A write that may have reached a log in some attempt and never got an answer fails with
 * {@link KvException.Kind#OUTCOME_UNKNOWN}; writes retried within one session are applied at
 * most once, so retrying them is safe.
 */
final class Retrier {

    private static final long INITIAL_BACKOFF_MS = 20;
    private static final long MAX_BACKOFF_MS = 500;

    /** One attempt: a call on a channel with a deadline. */
    interface Attempt<T> extends BiFunction<ManagedChannel, Deadline, CompletableFuture<T>> {
    }

    private final Endpoints endpoints;
    private final ScheduledExecutorService timer;
    private final Duration attemptTimeout;

    Retrier(Endpoints endpoints, ScheduledExecutorService timer, Duration attemptTimeout) {
        this.endpoints = endpoints;
        this.timer = timer;
        this.attemptTimeout = attemptTimeout;
    }

    /**
     * Runs {@code attempt} until done; {@code leaderOf} extracts the leader address an answer
     * names ("" if none) so later calls go there directly.
     */
    <T> CompletableFuture<T> call(boolean write, Duration timeout, Attempt<T> attempt, Function<T, String> leaderOf) {
        Call<T> call = new Call<>(write, System.nanoTime() + timeout.toNanos(), attempt, leaderOf);
        call.run(0);
        return call.result;
    }

    private final class Call<T> {
        final boolean write;
        final long deadlineNanos;
        final Attempt<T> attempt;
        final Function<T, String> leaderOf;
        final CompletableFuture<T> result = new CompletableFuture<>();
        boolean mayHaveApplied;

        Call(boolean write, long deadlineNanos, Attempt<T> attempt, Function<T, String> leaderOf) {
            this.write = write;
            this.deadlineNanos = deadlineNanos;
            this.attempt = attempt;
            this.leaderOf = leaderOf;
        }

        void run(int failures) {
            long remaining = deadlineNanos - System.nanoTime();
            if (remaining <= 0) {
                giveUp(Status.DEADLINE_EXCEEDED.withDescription("no answer before the call's deadline")
                        .asRuntimeException());
                return;
            }
            String address = endpoints.pick();
            CompletableFuture<T> answer;
            try {
                Deadline deadline = Deadline.after(Math.min(remaining, attemptTimeout.toNanos()), TimeUnit.NANOSECONDS);
                answer = attempt.apply(endpoints.channel(address), deadline);
            } catch (KvException e) {
                result.completeExceptionally(e);
                return;
            }
            answer.whenComplete((value, error) -> {
                if (error == null) {
                    String leader = leaderOf.apply(value);
                    if (!leader.isEmpty()) {
                        endpoints.leaderIs(leader);
                    }
                    result.complete(value);
                } else {
                    onFailure(address, error, failures);
                }
            });
        }

        private void onFailure(String address, Throwable error, int failures) {
            Status status = Status.fromThrowable(error);
            ErrorTrailers trailers = ErrorTrailers.of(error);
            Status.Code code = status.getCode();
            if (code == Status.Code.FAILED_PRECONDITION && !trailers.leaderAddress().isEmpty()) {
                // Redirected: go to the named leader now, unless it is where we just were.
                boolean fresh = !trailers.leaderAddress().equals(address);
                endpoints.leaderIs(trailers.leaderAddress());
                retry(fresh ? 0 : backoff(failures, trailers), failures + 1, error);
                return;
            }
            boolean retryable = code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED
                    || code == Status.Code.RESOURCE_EXHAUSTED || code == Status.Code.CANCELLED;
            if (!retryable) {
                result.completeExceptionally(KvException.of(error));
                return;
            }
            if (write && trailers.outcome() != ErrorTrailers.Outcome.NOT_APPLIED
                    && code != Status.Code.RESOURCE_EXHAUSTED) {
                mayHaveApplied = true;
            }
            if (code != Status.Code.RESOURCE_EXHAUSTED) {
                boolean connectionFailed = code == Status.Code.UNAVAILABLE
                        && trailers.outcome() == ErrorTrailers.Outcome.NOT_REPORTED;
                endpoints.failed(address, connectionFailed);
            }
            retry(backoff(failures, trailers), failures + 1, error);
        }

        private void retry(long delayMillis, int failures, Throwable last) {
            if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis) - deadlineNanos >= 0) {
                giveUp(last);
                return;
            }
            if (delayMillis == 0) {
                run(failures);
                return;
            }
            try {
                timer.schedule(() -> run(failures), delayMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                result.completeExceptionally(new KvException(KvException.Kind.CLOSED, "client is closed", last));
            }
        }

        private void giveUp(Throwable last) {
            if (write && mayHaveApplied) {
                result.completeExceptionally(new KvException(KvException.Kind.OUTCOME_UNKNOWN,
                        "the write may or may not have been applied; last error: " + Status.fromThrowable(last), last));
            } else {
                result.completeExceptionally(KvException.of(last));
            }
        }
    }

    /** Exponential from 20 ms to 500 ms, with jitter, and at least what the server suggested. */
    private static long backoff(int failures, ErrorTrailers trailers) {
        long cap = Math.min(MAX_BACKOFF_MS, INITIAL_BACKOFF_MS << Math.min(failures, 10));
        long jittered = cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1);
        return Math.max(jittered, trailers.retryAfterMillis());
    }
}
