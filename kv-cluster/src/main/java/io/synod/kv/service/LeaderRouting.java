package io.synod.kv.service;

import io.grpc.Channel;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.synod.kv.runtime.NotLeaderException;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Completes a gRPC call from a replica's future without blocking: on success hands the value to
 * the caller's answer; when the replica is not the leader, forwards the call to the leader's
 * node (once: a forwarded request that meets a non-leader again is answered with the hint);
 * otherwise answers with the mapped failure status.
 *
 * <p>Replica futures complete on the replica's event loop, so everything here only enqueues:
 * answering an observer and starting a forwarded call are both asynchronous.
 */
final class LeaderRouting {

    /** Starts the forwarded call on {@code channel}, answering the original caller's observer. */
    @FunctionalInterface
    interface Forward {
        void call(Channel channel, Deadline deadline);
    }

    private final long nodeId;
    private final PeerChannels peers;
    private final FailureStatus failures;

    LeaderRouting(long nodeId, NodeDirectory directory, PeerChannels peers) {
        this.nodeId = nodeId;
        this.peers = peers;
        this.failures = new FailureStatus(directory);
    }

    FailureStatus failures() {
        return failures;
    }

    /**
     * Answers {@code out} from {@code local}. {@code answer} turns the value into the response
     * (it may throw a {@link StatusRuntimeException} to fail the call).
     */
    <T, R> void complete(CompletableFuture<T> local, long groupId, boolean alreadyForwarded, StreamObserver<R> out,
                         Function<T, R> answer, Forward forward) {
        Context context = Context.current();
        local.whenComplete((value, error) -> {
            try {
                if (error == null) {
                    reply(out, answer.apply(value));
                    return;
                }
                Throwable cause = FailureStatus.unwrap(error);
                if (cause instanceof NotLeaderException nl && !alreadyForwarded && nl.leaderHint() != nodeId) {
                    Optional<ManagedChannel> leader = nl.leaderHint() == 0 ? Optional.empty() : peers.channel(nl.leaderHint());
                    if (leader.isPresent()) {
                        context.run(() -> forward.call(leader.get(), context.getDeadline()));
                        return;
                    }
                }
                fail(out, failures.of(cause, groupId));
            } catch (StatusRuntimeException e) {
                fail(out, e);
            } catch (RuntimeException e) {
                fail(out, Status.INTERNAL.withDescription("failed to answer: " + e).withCause(e).asRuntimeException());
            }
        });
    }

    /** Forwards straight to {@code target} without a local attempt (requests addressed to one node). */
    void forwardTo(long target, StreamObserver<?> out, Forward forward) {
        Optional<ManagedChannel> channel = peers.channel(target);
        if (channel.isEmpty()) {
            fail(out, Status.UNAVAILABLE.withDescription("address of node " + target + " is unknown on node " + nodeId)
                    .asRuntimeException());
            return;
        }
        forward.call(channel.get(), Context.current().getDeadline());
    }

    static <R> void reply(StreamObserver<R> out, R response) {
        if (cancelled(out)) {
            return;
        }
        out.onNext(response);
        out.onCompleted();
    }

    static void fail(StreamObserver<?> out, StatusRuntimeException status) {
        if (!cancelled(out)) {
            out.onError(status);
        }
    }

    private static boolean cancelled(StreamObserver<?> out) {
        return out instanceof ServerCallStreamObserver<?> s && s.isCancelled();
    }
}
