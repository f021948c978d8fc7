package io.synod.jdbc.transport;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientStreamTracer;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.synod.proto.sql.AvaticaFrame;
import io.synod.proto.sql.CancelRequest;
import io.synod.proto.sql.CancelResponse;
import io.synod.proto.sql.SqlGatewayGrpc;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** One blocking gRPC call to a gateway that knows whether its request may have reached it. */
final class GatewayCall {

    private GatewayCall() {
    }

    /** A failed call; {@link #maybeDelivered} is false only when the request never left this process. */
    static final class Failed extends Exception {
        private static final long serialVersionUID = 1L;
        final transient Status status;
        final boolean maybeDelivered;

        Failed(Status status, boolean maybeDelivered) {
            super(status.toString(), status.getCause(), false, false);
            this.status = status;
            this.maybeDelivered = maybeDelivered;
        }

        /** The gateway could not be reached or went away: try another one. */
        boolean unreachable() {
            return status.getCode() == Status.Code.UNAVAILABLE;
        }
    }

    /** @param deadlineMillis 0: no deadline (keepalive pings still notice a dead gateway) */
    static AvaticaFrame call(Channel channel, AvaticaFrame frame, long deadlineMillis) throws Failed {
        AtomicBoolean sent = new AtomicBoolean();
        CallOptions options = CallOptions.DEFAULT.withStreamTracerFactory(new ClientStreamTracer.Factory() {
            @Override
            public ClientStreamTracer newClientStreamTracer(ClientStreamTracer.StreamInfo info, Metadata headers) {
                return new ClientStreamTracer() {
                    @Override
                    public void outboundMessageSent(int seqNo, long wireSize, long uncompressedSize) {
                        sent.set(true);
                    }
                };
            }
        });
        if (deadlineMillis > 0) {
            options = options.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
        }
        try {
            return ClientCalls.blockingUnaryCall(channel, SqlGatewayGrpc.getCallMethod(), options, frame);
        } catch (StatusRuntimeException e) {
            throw new Failed(e.getStatus(), sent.get());
        }
    }

    static boolean cancel(Channel channel, CancelRequest request, long deadlineMillis) throws Failed {
        try {
            CancelResponse response = ClientCalls.blockingUnaryCall(channel, SqlGatewayGrpc.getCancelMethod(),
                    CallOptions.DEFAULT.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS), request);
            return response.getCancelled();
        } catch (StatusRuntimeException e) {
            throw new Failed(e.getStatus(), true);
        }
    }
}
