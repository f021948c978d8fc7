package io.synod.kv.service;

import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.synod.kv.consensus.api.ConfChange;
import io.synod.kv.consensus.api.EngineStatus;
import io.synod.kv.consensus.api.Role;
import io.synod.kv.client.FutureObserver;
import io.synod.kv.runtime.GroupReplica;
import io.synod.kv.runtime.NotLeaderException;
import io.synod.kv.runtime.ReplicaStatus;
import io.synod.proto.admin.AdminServiceGrpc;
import io.synod.proto.admin.MemberStatus;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Cluster administration on every node. Status gathers each member's own view (asking the other
 * members with {@code local_only}); membership changes and leadership transfers run on the
 * group's leader, forwarded there like KV writes; a snapshot runs on the member it names
 * (default: the leader); the recent log is the leader's.
 */
public final class AdminGrpcService extends AdminServiceGrpc.AdminServiceImplBase {

    /** Members that do not answer within this are listed as unreachable. */
    private static final Duration MEMBER_STATUS_TIMEOUT = Duration.ofSeconds(1);
    static final String UNREACHABLE = "UNREACHABLE";

    private final LocalReplicas replicas;
    private final NodeDirectory directory;
    private final PeerChannels peers;
    private final LeaderRouting routing;

    public AdminGrpcService(LocalReplicas replicas, NodeDirectory directory, PeerChannels peers) {
        this.replicas = replicas;
        this.directory = directory;
        this.peers = peers;
        this.routing = new LeaderRouting(replicas.nodeId(), directory, peers);
    }

    @Override
    public void status(StatusRequest request, StreamObserver<StatusResponse> out) {
        long group = LocalReplicas.resolve(request.getGroupId());
        Optional<GroupReplica<?>> replica = hosted(group, out);
        if (replica.isEmpty()) {
            return;
        }
        CompletableFuture<ReplicaStatus> local = replica.get().status();
        CompletableFuture<List<MemberStatus>> members = request.getLocalOnly()
                ? local.thenApply(s -> List.of(ownStatus(group, s)))
                : local.thenCompose(s -> allMembers(group, s));
        members
                .whenComplete((all, error) -> {
                    if (error != null) {
                        LeaderRouting.fail(out, routing.failures().of(error, group));
                    } else {
                        LeaderRouting.reply(out, StatusResponse.newBuilder().addAllMembers(withLag(all)).build());
                    }
                });
    }

    @Override
    public void changeMembership(MembershipRequest request, StreamObserver<MembershipResponse> out) {
        long group = LocalReplicas.resolve(request.getGroupId());
        Optional<GroupReplica<?>> replica = hosted(group, out);
        if (replica.isEmpty()) {
            return;
        }
        long node = request.getNodeId();
        ConfChange.Type type = switch (request.getChange()) {
            case ADD_VOTER -> ConfChange.Type.ADD_VOTER;
            case REMOVE_NODE -> ConfChange.Type.REMOVE_NODE;
            case ADD_LEARNER -> ConfChange.Type.ADD_LEARNER;
            case PROMOTE_LEARNER -> ConfChange.Type.PROMOTE_LEARNER;
            case UNRECOGNIZED -> null;
        };
        if (type == null || node <= 0) {
            LeaderRouting.fail(out, Status.INVALID_ARGUMENT.withDescription(
                    "membership change needs a known change kind and a positive node id").asRuntimeException());
            return;
        }
        if (!request.getAddress().isEmpty()) {
            try {
                directory.put(node, request.getAddress());
            } catch (IllegalArgumentException e) {
                LeaderRouting.fail(out, Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
                return;
            }
        }
        routing.complete(replica.get().changeMembership(new ConfChange(type, node)), group, request.getForwarded(), out,
                index -> MembershipResponse.newBuilder().setIndex(index).build(),
                (ch, dl) -> AdminServiceGrpc.newStub(ch).withDeadline(dl)
                        .changeMembership(request.toBuilder().setForwarded(true).build(), out));
    }

    @Override
    public void transferLeadership(TransferLeadershipRequest request, StreamObserver<TransferLeadershipResponse> out) {
        long group = LocalReplicas.resolve(request.getGroupId());
        Optional<GroupReplica<?>> replica = hosted(group, out);
        if (replica.isEmpty()) {
            return;
        }
        routing.complete(replica.get().transferLeadership(request.getTargetId()), group, request.getForwarded(), out,
                leader -> TransferLeadershipResponse.newBuilder().setNewLeaderId(leader).build(),
                (ch, dl) -> AdminServiceGrpc.newStub(ch).withDeadline(dl)
                        .transferLeadership(request.toBuilder().setForwarded(true).build(), out));
    }

    @Override
    public void takeSnapshot(SnapshotRequest request, StreamObserver<SnapshotResponse> out) {
        long group = LocalReplicas.resolve(request.getGroupId());
        Optional<GroupReplica<?>> replica = hosted(group, out);
        if (replica.isEmpty()) {
            return;
        }
        SnapshotRequest forwarded = request.toBuilder().setForwarded(true).build();
        long target = request.getNodeId();
        if (target != 0 && target != replicas.nodeId() && !request.getForwarded()) {
            routing.forwardTo(target, out, (ch, dl) -> AdminServiceGrpc.newStub(ch).withDeadline(dl)
                    .takeSnapshot(forwarded, out));
            return;
        }
        // Addressed to this node, or to the leader: confirm leadership first by asking who leads.
        CompletableFuture<Void> onTarget = target != 0 ? CompletableFuture.completedFuture(null)
                : replica.get().status().thenAccept(s -> requireLeader(group, s));
        routing.complete(onTarget.thenCompose(ignored -> replica.get().takeSnapshot()), group, request.getForwarded(),
                out, meta -> SnapshotResponse.newBuilder().setIndex(meta.index()).setSizeBytes(meta.sizeBytes()).build(),
                (ch, dl) -> AdminServiceGrpc.newStub(ch).withDeadline(dl).takeSnapshot(forwarded, out));
    }

    /** The newest entries of the leader's log, summarised (forwarded to the leader like a snapshot request). */
    @Override
    public void recentLog(RecentLogRequest request, StreamObserver<RecentLogResponse> out) {
        long group = LocalReplicas.resolve(request.getGroupId());
        Optional<GroupReplica<?>> replica = hosted(group, out);
        if (replica.isEmpty()) {
            return;
        }
        int limit = Math.min(request.getLimit(), LogEntrySummaries.MAX_ENTRIES);
        RecentLogRequest forwarded = request.toBuilder().setForwarded(true).build();
        CompletableFuture<Void> onLeader = replica.get().status().thenAccept(s -> requireLeader(group, s));
        routing.complete(onLeader.thenCompose(ignored -> replica.get().recentLog(limit, LogEntrySummaries::of)),
                group, request.getForwarded(), out,
                entries -> RecentLogResponse.newBuilder().addAllEntries(entries).build(),
                (ch, dl) -> AdminServiceGrpc.newStub(ch).withDeadline(dl).recentLog(forwarded, out));
    }

    private static void requireLeader(long group, ReplicaStatus s) {
        if (s.engine().role() != Role.LEADER) {
            throw new NotLeaderException(s.engine().leaderId());
        }
    }

    private Optional<GroupReplica<?>> hosted(long group, StreamObserver<?> out) {
        Optional<GroupReplica<?>> replica = replicas.find(group);
        if (replica.isEmpty()) {
            LeaderRouting.fail(out, FailureStatus.groupNotHosted(group, replicas.nodeId()));
        }
        return replica;
    }

    private MemberStatus ownStatus(long group, ReplicaStatus s) {
        EngineStatus e = s.engine();
        return MemberStatus.newBuilder()
                .setNodeId(replicas.nodeId())
                .setAddress(directory.address(replicas.nodeId()).orElse(""))
                .setGroupId(group)
                .setRole(e.role().name())
                .setTerm(e.term())
                .setLeaderId(e.leaderId())
                .setCommitIndex(e.commitIndex())
                .setAppliedIndex(s.appliedIndex())
                .setLastIndex(e.lastIndex())
                .setLearner(e.confState().learners().contains(replicas.nodeId()))
                .build();
    }

    /** This node's status and every other member's own, asked in parallel. */
    private CompletableFuture<List<MemberStatus>> allMembers(long group, ReplicaStatus local) {
        TreeSet<Long> members = new TreeSet<>(local.engine().confState().voters());
        members.addAll(local.engine().confState().learners());
        members.add(replicas.nodeId());
        List<CompletableFuture<MemberStatus>> answers = new ArrayList<>();
        for (long member : members) {
            if (member == replicas.nodeId()) {
                answers.add(CompletableFuture.completedFuture(ownStatus(group, local)));
            } else {
                answers.add(askMember(group, member, local.engine().confState().learners().contains(member)));
            }
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> answers.stream().map(CompletableFuture::join).toList());
    }

    private CompletableFuture<MemberStatus> askMember(long group, long member, boolean learner) {
        MemberStatus unreachable = MemberStatus.newBuilder().setNodeId(member).setGroupId(group)
                .setAddress(directory.address(member).orElse("")).setRole(UNREACHABLE).setLearner(learner).build();
        Optional<ManagedChannel> channel = peers.channel(member);
        if (channel.isEmpty()) {
            return CompletableFuture.completedFuture(unreachable);
        }
        CompletableFuture<StatusResponse> answer = new CompletableFuture<>();
        Deadline deadline = Deadline.after(MEMBER_STATUS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        AdminServiceGrpc.newStub(channel.get()).withDeadline(deadline).status(
                StatusRequest.newBuilder().setGroupId(group).setLocalOnly(true).build(), new FutureObserver<>(answer));
        return answer.handle((response, error) -> error == null && response.getMembersCount() == 1
                ? response.getMembers(0) : unreachable);
    }

    /** Fills each member's lag behind the most recent leader's log, if a leader answered. */
    private static List<MemberStatus> withLag(List<MemberStatus> members) {
        Optional<MemberStatus> leader = members.stream()
                .filter(m -> m.getRole().equals(Role.LEADER.name()))
                .max(Comparator.comparingLong(MemberStatus::getTerm));
        if (leader.isEmpty()) {
            return members;
        }
        long leaderLast = leader.get().getLastIndex();
        return members.stream()
                .map(m -> m.getRole().equals(UNREACHABLE) ? m
                        : m.toBuilder().setLag(Math.max(0, leaderLast - m.getLastIndex())).build())
                .toList();
    }
}
