package io.synod.jdbc.transport;

import io.grpc.Status;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.remote.Service;

import java.util.List;

/**
 * Errors the driver decides itself, encoded as Avatica ErrorResponses so they surface through
 * Avatica's normal path as SQLExceptions with our SQLState.
 */
final class TransportErrors {

    /**
     * A transaction cut off by failover, or a statement/commit whose outcome is unknown because
     * its gateway went away while running it. Class 40: roll back and retry the transaction.
     */
    static final String TRANSACTION_CUT_OFF = "40003";
    /** No gateway reachable, or a result set lost with its gateway. */
    static final String CONNECTION_FAILURE = "08006";
    static final String QUERY_CANCELED = "57014";
    static final String INSUFFICIENT_RESOURCES = "53000";
    static final String GENERAL_ERROR = "HY000";

    private TransportErrors() {
    }

    static Service.ErrorResponse error(String sqlState, String message) {
        return new Service.ErrorResponse(List.of(), message, 0, sqlState, AvaticaSeverity.ERROR, null);
    }

    /** SQLState for a gRPC failure that is not a reason to fail over. */
    static String sqlState(Status status) {
        return switch (status.getCode()) {
            case RESOURCE_EXHAUSTED -> INSUFFICIENT_RESOURCES;
            case DEADLINE_EXCEEDED, CANCELLED -> QUERY_CANCELED;
            case UNAVAILABLE -> CONNECTION_FAILURE;
            default -> GENERAL_ERROR;
        };
    }
}
