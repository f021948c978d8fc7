package io.synod.kv.client;

import io.grpc.Status;
import io.synod.proto.kv.KvError;

/** A KV or admin request that failed for good (after the client's retries, if it retried). */
public final class KvException extends RuntimeException {

    public enum Kind {
        /** No node could serve the request in time; it was not applied. */
        UNAVAILABLE,
        /** A write may or may not have been applied: it reached a log but no answer came back. */
        OUTCOME_UNKNOWN,
        /** The call's deadline passed (a read, or a write known not to be applied). */
        DEADLINE_EXCEEDED,
        /** The request is malformed or over a size limit; retrying cannot help. */
        INVALID_ARGUMENT,
        /** The group does not exist on the nodes asked. */
        NOT_FOUND,
        /** The cluster kept refusing for load. */
        RESOURCE_EXHAUSTED,
        /** The request does not fit the cluster's state (e.g. a membership change that makes no sense). */
        FAILED_PRECONDITION,
        /** The client was closed. */
        CLOSED,
        /** Anything else: a bug or an unexpected server answer. */
        INTERNAL
    }

    private final Kind kind;

    public KvException(Kind kind, String message, Throwable cause) {
        super(kind + ": " + message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** The kind a final gRPC status code maps to. */
    static Kind kindOf(Status.Code code) {
        return switch (code) {
            case INVALID_ARGUMENT, OUT_OF_RANGE -> Kind.INVALID_ARGUMENT;
            case NOT_FOUND -> Kind.NOT_FOUND;
            case RESOURCE_EXHAUSTED -> Kind.RESOURCE_EXHAUSTED;
            case FAILED_PRECONDITION, ABORTED, ALREADY_EXISTS -> Kind.FAILED_PRECONDITION;
            case DEADLINE_EXCEEDED -> Kind.DEADLINE_EXCEEDED;
            case UNAVAILABLE -> Kind.UNAVAILABLE;
            default -> Kind.INTERNAL;
        };
    }

    /**
     * The status a state-machine error is answered with: by a node, or by a client that found
     * it in a certified result.
     */
    public static Status statusOf(KvError error) {
        Status code = switch (error.getCode()) {
            case INVALID_ARGUMENT, KEY_TOO_LARGE, VALUE_TOO_LARGE, BATCH_TOO_LARGE -> Status.INVALID_ARGUMENT;
            case STALE_SEQUENCE -> Status.ABORTED;
            case UNKNOWN, UNRECOGNIZED -> Status.INTERNAL;
        };
        return code.withDescription(error.getCode() + ": " + error.getMessage());
    }

    /** Wraps a final gRPC failure. */
    static KvException of(Throwable failure) {
        if (failure instanceof KvException k) {
            return k;
        }
        Status s = Status.fromThrowable(failure);
        String message = s.getDescription() != null ? s.getDescription() : s.getCode().toString();
        return new KvException(kindOf(s.getCode()), message, failure);
    }
}
