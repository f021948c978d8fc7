package io.synod.kv.client;

import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.synod.proto.admin.AdminServiceGrpc;
import io.synod.proto.admin.LogEntrySummary;
import io.synod.proto.admin.MembershipRequest;
import io.synod.proto.admin.MembershipResponse;
import io.synod.proto.admin.RecentLogRequest;
import io.synod.proto.admin.RecentLogResponse;
import io.synod.proto.admin.SnapshotRequest;
import io.synod.proto.admin.SnapshotResponse;
import io.synod.proto.admin.StatusRequest;
import io.synod.proto.admin.StatusResponse;
import io.synod.proto.admin.TransferLeadershipRequest;
import io.synod.proto.admin.TransferLeadershipResponse;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;

/**
 * Administration of one group: status, membership, leadership transfer, snapshots. Any node
 * accepts these (changes are forwarded to the leader); like {@link KvClient}, it moves to
 * another node when one is unreachable. Thread-safe; calls block.
 */
public final class AdminClient implements AutoCloseable {

    /** What a snapshot request produced: the snapshot's log index and size. */
    public record SnapshotInfo(long index, long sizeBytes) {
    }

    private final long groupId;
    private final Duration callTimeout;
    private final Endpoints endpoints;
    private final ScheduledExecutorService timer;
    private final Retrier retrier;

    public AdminClient(List<String> endpoints, long groupId, Duration callTimeout) {
        this.groupId = groupId;
        this.callTimeout = callTimeout;
        this.endpoints = new Endpoints(endpoints);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "synod-admin-client-retry");
            t.setDaemon(true);
            return t;
        });
        this.retrier = new Retrier(this.endpoints, timer, callTimeout);
    }

    public static AdminClient connect(String... endpoints) {
        return new AdminClient(List.of(endpoints), 0, Duration.ofSeconds(10));
    }

    /** Every member of the group, ordered by node id. */
    public List<MemberInfo> status() {
        StatusRequest request = StatusRequest.newBuilder().setGroupId(groupId).build();
        StatusResponse response = call(false, (stub, out) -> stub.status(request, out));
        return response.getMembersList().stream().map(MemberInfo::of).toList();
    }

    /**
     * The answering node's own view of itself in the group, without asking the other members:
     * with a client built on one endpoint, a cheap probe of that node.
     */
    public MemberInfo localStatus() {
        StatusRequest request = StatusRequest.newBuilder().setGroupId(groupId).setLocalOnly(true).build();
        StatusResponse response = call(false, (stub, out) -> stub.status(request, out));
        return MemberInfo.of(response.getMembers(0));
    }

    /** Adds {@code nodeId}, listening at {@code address}, as a voter; returns the change's log index. */
    public long addVoter(long nodeId, String address) {
        return change(MembershipRequest.Change.ADD_VOTER, nodeId, address);
    }

    public long addLearner(long nodeId, String address) {
        return change(MembershipRequest.Change.ADD_LEARNER, nodeId, address);
    }

    public long promoteLearner(long nodeId) {
        return change(MembershipRequest.Change.PROMOTE_LEARNER, nodeId, "");
    }

    public long removeNode(long nodeId) {
        return change(MembershipRequest.Change.REMOVE_NODE, nodeId, "");
    }

    /** Hands leadership to {@code targetId}; returns the new leader's id. */
    public long transferLeadership(long targetId) {
        TransferLeadershipRequest request = TransferLeadershipRequest.newBuilder()
                .setGroupId(groupId).setTargetId(targetId).build();
        TransferLeadershipResponse response = call(true, (stub, out) -> stub.transferLeadership(request, out));
        return response.getNewLeaderId();
    }

    /** Compacts the log of {@code nodeId}'s replica (0: the leader's) at its applied index. */
    public SnapshotInfo takeSnapshot(long nodeId) {
        SnapshotRequest request = SnapshotRequest.newBuilder().setGroupId(groupId).setNodeId(nodeId).build();
        SnapshotResponse response = call(false, (stub, out) -> stub.takeSnapshot(request, out));
        return new SnapshotInfo(response.getIndex(), response.getSizeBytes());
    }

    /** The newest {@code limit} entries of the leader's log (at most 1000), newest first, without payloads. */
    public List<LogEntrySummary> recentLog(int limit) {
        RecentLogRequest request = RecentLogRequest.newBuilder().setGroupId(groupId).setLimit(limit).build();
        RecentLogResponse response = call(false, (stub, out) -> stub.recentLog(request, out));
        return response.getEntriesList();
    }

    private long change(MembershipRequest.Change change, long nodeId, String address) {
        MembershipRequest request = MembershipRequest.newBuilder().setGroupId(groupId).setChange(change)
                .setNodeId(nodeId).setAddress(address).build();
        MembershipResponse response = call(true, (stub, out) -> stub.changeMembership(request, out));
        return response.getIndex();
    }

    private <R> R call(boolean changesState, BiConsumer<AdminServiceGrpc.AdminServiceStub, FutureObserver<R>> start) {
        return KvClient.await(retrier.<R>call(changesState, callTimeout, (ManagedChannel ch, Deadline dl) -> {
            CompletableFuture<R> f = new CompletableFuture<>();
            start.accept(AdminServiceGrpc.newStub(ch).withDeadline(dl), new FutureObserver<>(f));
            return f;
        }, r -> ""));
    }

    @Override
    public void close() {
        timer.shutdownNow();
        endpoints.close();
    }
}
