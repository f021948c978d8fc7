package io.synod.kv.node;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.synod.kv.transport.grpc.FaultInjection;
import io.synod.kv.transport.grpc.LinkConditions;
import io.synod.proto.faults.FaultRequest;
import io.synod.proto.faults.FaultResponse;
import io.synod.proto.faults.FaultServiceGrpc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Lets tests and tools inject network faults into a running node process. The hooks themselves
 * refuse to act unless the node was started with test faults enabled; such a refusal answers
 * FAILED_PRECONDITION.
 */
final class FaultGrpcService extends FaultServiceGrpc.FaultServiceImplBase {

    private static final Logger LOG = LoggerFactory.getLogger(FaultGrpcService.class);

    private final long nodeId;
    private final FaultInjection faults;

    FaultGrpcService(long nodeId, FaultInjection faults) {
        this.nodeId = nodeId;
        this.faults = faults;
    }

    @Override
    public void inject(FaultRequest request, StreamObserver<FaultResponse> out) {
        try {
            switch (request.getAction()) {
                case DROP_TRAFFIC -> request.getPeersList().forEach(faults::dropTraffic);
                case RESTORE_TRAFFIC -> request.getPeersList().forEach(faults::restoreTraffic);
                case PAUSE -> faults.pause();
                case RESUME -> faults.resume();
                case CLEAR -> faults.clear();
                case SET_LINK_CONDITIONS -> faults.setLinkConditions(linkConditions(request));
                case ACTION_UNSPECIFIED, UNRECOGNIZED -> {
                    out.onError(Status.INVALID_ARGUMENT.withDescription("fault action missing").asRuntimeException());
                    return;
                }
            }
        } catch (IllegalStateException e) {
            out.onError(Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (IllegalArgumentException e) {
            out.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        LOG.info("node {}: test fault {} {}", nodeId, request.getAction(),
                request.getAction() == FaultRequest.Action.SET_LINK_CONDITIONS ? linkConditions(request)
                        : request.getPeersList());
        out.onNext(FaultResponse.getDefaultInstance());
        out.onCompleted();
    }

    private static LinkConditions linkConditions(FaultRequest request) {
        return new LinkConditions(Duration.ofNanos(Math.multiplyExact(request.getDelayMicros(), 1_000L)),
                Duration.ofNanos(Math.multiplyExact(request.getJitterMicros(), 1_000L)), request.getLoss(),
                request.getSeed());
    }
}
