package io.synod.sql.gateway;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.synod.proto.sql.AvaticaFrame;
import io.synod.proto.sql.CancelRequest;
import io.synod.proto.sql.CancelResponse;
import io.synod.proto.sql.SqlGatewayGrpc;
import org.apache.calcite.avatica.remote.Handler.HandlerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The gRPC face of a gateway. Node servers call handlers on their I/O threads, so every request
 * is handed to the gateway's bounded worker pool; a full queue answers RESOURCE_EXHAUSTED at once.
 */
final class SqlGatewayService extends SqlGatewayGrpc.SqlGatewayImplBase {

    private static final Logger LOG = LoggerFactory.getLogger(SqlGatewayService.class);
    private static final int HTTP_OK = 200;

    private final String gatewayId;
    private final GatewayMeta meta;
    private final GatewayHandler handler;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;

    SqlGatewayService(String gatewayId, GatewayMeta meta, GatewayHandler handler, ExecutorService workers,
                      ScheduledExecutorService timer) {
        this.gatewayId = gatewayId;
        this.meta = meta;
        this.handler = handler;
        this.workers = workers;
        this.timer = timer;
    }

    @Override
    public void call(AvaticaFrame request, StreamObserver<AvaticaFrame> out) {
        if (out instanceof ServerCallStreamObserver<AvaticaFrame> call && !request.getConnectionId().isEmpty()) {
            // A client that gives up (deadline, closed channel) should not leave its statement running.
            call.setOnCancelHandler(() -> cancelQuietly(request.getConnectionId(), request.getStatementId()));
        }
        try {
            workers.execute(() -> serve(request, out));
        } catch (RejectedExecutionException e) {
            out.onError(Status.RESOURCE_EXHAUSTED
                    .withDescription("SQL gateway " + gatewayId + " is overloaded; retry later").asRuntimeException());
        }
    }

    private void serve(AvaticaFrame request, StreamObserver<AvaticaFrame> out) {
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> deadline = null;
        if (request.getQueryTimeoutMs() > 0 && !request.getConnectionId().isEmpty()) {
            deadline = timer.schedule(() -> {
                timedOut.set(true);
                cancelQuietly(request.getConnectionId(), request.getStatementId());
            }, request.getQueryTimeoutMs(), TimeUnit.MILLISECONDS);
        }
        byte[] response;
        try {
            HandlerResponse<byte[]> handled = request.hasRestoreStatementId()
                    ? handler.restore(request.getPayload().toByteArray(), request.getRestoreStatementId(), meta)
                    : handler.apply(request.getPayload().toByteArray());
            response = handled.getResponse();
            if (timedOut.get() && handled.getStatusCode() != HTTP_OK) {
                response = handler.errorResponse("query timed out after " + request.getQueryTimeoutMs()
                        + " ms and was cancelled", "57014");
            }
        } catch (RuntimeException | Error e) {
            // Avatica's handler turns exceptions into error responses but lets an Error (a failed
            // assertion in the planner, a class that cannot load) through; unanswered, the
            // client would wait for ever.
            LOG.warn("gateway {}: request failed outside Avatica's error handling", gatewayId, e);
            out.onError(Status.INTERNAL.withDescription(e.toString()).asRuntimeException());
            return;
        } finally {
            if (deadline != null) {
                deadline.cancel(false);
            }
        }
        try {
            out.onNext(AvaticaFrame.newBuilder().setPayload(ByteString.copyFrom(response))
                    .setGatewayId(gatewayId).build());
            out.onCompleted();
        } catch (RuntimeException e) {
            LOG.debug("gateway {}: client went away before the answer: {}", gatewayId, e.toString());
        }
    }

    @Override
    public void cancel(CancelRequest request, StreamObserver<CancelResponse> out) {
        boolean cancelled;
        try {
            cancelled = meta.cancel(request.getConnectionId(), request.getStatementId());
        } catch (SQLException | RuntimeException e) {
            out.onError(Status.INTERNAL.withDescription("cancel failed: " + e.getMessage()).asRuntimeException());
            return;
        }
        out.onNext(CancelResponse.newBuilder().setCancelled(cancelled).build());
        out.onCompleted();
    }

    private void cancelQuietly(String connectionId, int statementId) {
        try {
            meta.cancel(connectionId, statementId);
        } catch (SQLException | RuntimeException e) {
            LOG.debug("gateway {}: cancelling statement {} failed: {}", gatewayId, statementId, e.toString());
        }
    }
}
