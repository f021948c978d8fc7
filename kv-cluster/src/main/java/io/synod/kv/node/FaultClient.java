package io.synod.kv.node;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.synod.kv.transport.grpc.LinkConditions;
import io.synod.proto.faults.FaultRequest;
import io.synod.proto.faults.FaultServiceGrpc;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** Injects faults into one node started with test faults enabled (tests and tools only). */
public final class FaultClient implements AutoCloseable {

    private static final long CALL_SECONDS = 5;

    private final ManagedChannel channel;

    public FaultClient(String address) {
        this.channel = ManagedChannelBuilder.forTarget(address).usePlaintext().build();
    }

    /** Cuts the node's peer traffic with each of {@code peers}, both ways. */
    public void dropTraffic(List<Long> peers) {
        call(FaultRequest.Action.DROP_TRAFFIC, peers);
    }

    public void restoreTraffic(List<Long> peers) {
        call(FaultRequest.Action.RESTORE_TRAFFIC, peers);
    }

    public void clear() {
        call(FaultRequest.Action.CLEAR, List.of());
    }

    /** Delays, jitters and loses every peer message the node sends ({@link LinkConditions#NONE}: stop). */
    public void setLinkConditions(LinkConditions conditions) {
        call(FaultRequest.newBuilder().setAction(FaultRequest.Action.SET_LINK_CONDITIONS)
                .setDelayMicros(conditions.delay().toNanos() / 1_000)
                .setJitterMicros(conditions.jitterMean().toNanos() / 1_000)
                .setLoss(conditions.lossRate())
                .setSeed(conditions.seed())
                .build());
    }

    private void call(FaultRequest.Action action, List<Long> peers) {
        call(FaultRequest.newBuilder().setAction(action).addAllPeers(peers).build());
    }

    private void call(FaultRequest request) {
        FaultServiceGrpc.newBlockingStub(channel).withWaitForReady().withDeadlineAfter(CALL_SECONDS, TimeUnit.SECONDS)
                .inject(request);
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
