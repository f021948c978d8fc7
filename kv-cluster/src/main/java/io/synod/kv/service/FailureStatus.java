package io.synod.kv.service;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.synod.kv.client.ErrorTrailers;
import io.synod.kv.client.KvException;
import io.synod.kv.runtime.BusyException;
import io.synod.kv.runtime.NotLeaderException;
import io.synod.kv.runtime.RequestTimeoutException;
import io.synod.kv.runtime.RetryableException;
import io.synod.proto.kv.KvError;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns a replica's failure or a state machine's {@link KvError} into the gRPC status a client
 * sees, with {@link ErrorTrailers} saying who leads and whether a write may have been applied.
 */
final class FailureStatus {

    /** How long a client should wait when no leader is known: about one election. */
    static final long NO_LEADER_RETRY_MS = 200;

    private final NodeDirectory directory;

    FailureStatus(NodeDirectory directory) {
        this.directory = directory;
    }

    /** The cause of a failed future, without the wrappers CompletableFuture adds. */
    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    StatusRuntimeException of(Throwable failure, long groupId) {
        Throwable t = unwrap(failure);
        if (t instanceof StatusRuntimeException s) {
            return s;
        }
        if (t instanceof NotLeaderException nl) {
            return notLeader(groupId, nl.leaderHint());
        }
        if (t instanceof BusyException) {
            return status(Status.RESOURCE_EXHAUSTED, "group " + groupId + " is busy: " + t.getMessage(),
                    ErrorTrailers.notApplied().withRetryAfter(50));
        }
        if (t instanceof RequestTimeoutException r) {
            return status(Status.DEADLINE_EXCEEDED, outcomePrefix(r) + t.getMessage(), outcome(r));
        }
        if (t instanceof RetryableException r) {
            return status(Status.UNAVAILABLE, outcomePrefix(r) + t.getMessage(), outcome(r));
        }
        if (t instanceof IllegalArgumentException) {
            return status(Status.INVALID_ARGUMENT, t.getMessage(), ErrorTrailers.notApplied());
        }
        return Status.INTERNAL.withDescription("unexpected failure: " + t).withCause(t).asRuntimeException();
    }

    /** The leader is elsewhere (FAILED_PRECONDITION naming it) or unknown (UNAVAILABLE). */
    StatusRuntimeException notLeader(long groupId, long leaderHint) {
        if (leaderHint == 0) {
            return status(Status.UNAVAILABLE, "no leader known for group " + groupId + "; retry after "
                    + NO_LEADER_RETRY_MS + " ms", ErrorTrailers.notApplied().withRetryAfter(NO_LEADER_RETRY_MS));
        }
        String address = directory.address(leaderHint).orElse("");
        return status(Status.FAILED_PRECONDITION, "this node does not lead group " + groupId + "; its leader is node "
                + leaderHint + (address.isEmpty() ? " (address unknown here)" : " at " + address),
                ErrorTrailers.notApplied().withLeader(leaderHint, address));
    }

    static StatusRuntimeException of(KvError error) {
        return KvException.statusOf(error).asRuntimeException(ErrorTrailers.notApplied().toMetadata());
    }

    static StatusRuntimeException groupNotHosted(long groupId, long nodeId) {
        return status(Status.NOT_FOUND, "group " + groupId + " is not hosted on node " + nodeId,
                ErrorTrailers.notApplied());
    }

    private static String outcomePrefix(RetryableException r) {
        return r.outcomeUnknown() ? "outcome unknown: " : "";
    }

    private static ErrorTrailers outcome(RetryableException r) {
        return r.outcomeUnknown() ? ErrorTrailers.outcomeUnknown() : ErrorTrailers.notApplied();
    }

    private static StatusRuntimeException status(Status code, String message, ErrorTrailers trailers) {
        return code.withDescription(message).asRuntimeException(trailers.toMetadata());
    }
}
