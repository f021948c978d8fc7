package io.synod.kv.service;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.synod.kv.runtime.GroupReplica;
import io.synod.proto.kv.BatchRequest;
import io.synod.proto.kv.BatchResponse;
import io.synod.proto.kv.CompareAndSetRequest;
import io.synod.proto.kv.CompareAndSetResponse;
import io.synod.proto.kv.DeleteRequest;
import io.synod.proto.kv.DeleteResponse;
import io.synod.proto.kv.GetRequest;
import io.synod.proto.kv.GetResponse;
import io.synod.proto.kv.KvCommand;
import io.synod.proto.kv.KvCommandResult;
import io.synod.proto.kv.KvQuery;
import io.synod.proto.kv.KvServiceGrpc;
import io.synod.proto.kv.PutRequest;
import io.synod.proto.kv.PutResponse;
import io.synod.proto.kv.ReadConsistency;
import io.synod.proto.kv.ReplyCertificate;
import io.synod.proto.kv.RequestHeader;
import io.synod.proto.kv.ResponseHeader;
import io.synod.proto.kv.ScanRequest;
import io.synod.proto.kv.ScanResponse;
import io.synod.proto.kv.TxnRequest;
import io.synod.proto.kv.TxnResponse;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The client key-value service on every node. Any node accepts a request for a group it hosts.
 *
 * <p>Writes are proposed on the local replica; a replica that does not lead answers at once
 * with the leader's id, and the request is then forwarded over a cached channel to the leader's
 * node with the caller's deadline (the call's context is carried along, so cancelling the
 * original call cancels the forwarded one). Forwarding, not redirecting, keeps clients simple and
 * lets a client that only knows one node still write; clients that want to skip the extra hop
 * learn the leader's address from {@link ResponseHeader#getLeaderAddress()}.
 *
 * <p>Reads are served by the replica that received them, whatever its role. LINEARIZABLE uses
 * ReadIndex, which works on followers: the follower asks the leader for its commit index (the
 * leader confirms it still leads with a heartbeat quorum) and answers once it has applied that
 * far. That costs the same quorum round as forwarding but keeps the query and the response's
 * serialization off the leader, which already does every write; a read thus sees every write
 * acknowledged before it started, on any node. LEASE does the same with the leader answering
 * from its lease (when the replicas enable lease reads); BOUNDED_STALENESS answers from local
 * state when it is fresh enough. Only when the replica knows no leader is a read forwarded or
 * refused like a write.
 *
 * <p>A request whose header asks to {@code certify} (Byzantine-tolerant groups only) is answered
 * with a {@link ReplyCertificate} in the response header and an empty body: the command, the
 * result, and f+1 replicas' signed replies vouching for it, so the client need not trust this
 * node. A read asked that way is ordered through the log like a write, so that every replica
 * answers it at the same revision.
 */
public final class KvGrpcService extends KvServiceGrpc.KvServiceImplBase {

    private final LocalReplicas replicas;
    private final NodeDirectory directory;
    private final LeaderRouting routing;

    public KvGrpcService(LocalReplicas replicas, NodeDirectory directory, PeerChannels peers) {
        this.replicas = replicas;
        this.directory = directory;
        this.routing = new LeaderRouting(replicas.nodeId(), directory, peers);
    }

    @Override
    public void put(PutRequest request, StreamObserver<PutResponse> out) {
        KvCommand command = command(request.getHeader()).setPut(request.toBuilder().clearHeader()).build();
        write(request.getHeader(), command, KvCommandResult.ResultCase.PUT, out,
                (r, h) -> r.getPut().toBuilder().setHeader(h.apply(r.getPut().getHeader())).build(),
                (ch, dl) -> KvServiceGrpc.newStub(ch).withDeadline(dl).put(
                        request.toBuilder().setHeader(forwarded(request.getHeader())).build(), out));
    }

    @Override
    public void delete(DeleteRequest request, StreamObserver<DeleteResponse> out) {
        KvCommand command = command(request.getHeader()).setDelete(request.toBuilder().clearHeader()).build();
        write(request.getHeader(), command, KvCommandResult.ResultCase.DELETE, out,
                (r, h) -> r.getDelete().toBuilder().setHeader(h.apply(r.getDelete().getHeader())).build(),
                (ch, dl) -> KvServiceGrpc.newStub(ch).withDeadline(dl).delete(
                        request.toBuilder().setHeader(forwarded(request.getHeader())).build(), out));
    }

    @Override
    public void compareAndSet(CompareAndSetRequest request, StreamObserver<CompareAndSetResponse> out) {
        KvCommand command = command(request.getHeader()).setCas(request.toBuilder().clearHeader()).build();
        write(request.getHeader(), command, KvCommandResult.ResultCase.CAS, out,
                (r, h) -> r.getCas().toBuilder().setHeader(h.apply(r.getCas().getHeader())).build(),
                (ch, dl) -> KvServiceGrpc.newStub(ch).withDeadline(dl).compareAndSet(
                        request.toBuilder().setHeader(forwarded(request.getHeader())).build(), out));
    }

    @Override
    public void batch(BatchRequest request, StreamObserver<BatchResponse> out) {
        KvCommand command = command(request.getHeader()).setBatch(request.toBuilder().clearHeader()).build();
        write(request.getHeader(), command, KvCommandResult.ResultCase.BATCH, out,
                (r, h) -> r.getBatch().toBuilder().setHeader(h.apply(r.getBatch().getHeader())).build(),
                (ch, dl) -> KvServiceGrpc.newStub(ch).withDeadline(dl).batch(
                        request.toBuilder().setHeader(forwarded(request.getHeader())).build(), out));
    }

    @Override
    public void txn(TxnRequest request, StreamObserver<TxnResponse> out) {
        KvCommand command = command(request.getHeader()).setTxn(request.toBuilder().clearHeader()).build();
        write(request.getHeader(), command, KvCommandResult.ResultCase.TXN, out,
                (r, h) -> r.getTxn().toBuilder().setHeader(h.apply(r.getTxn().getHeader())).build(),
                (ch, dl) -> KvServiceGrpc.newStub(ch).withDeadline(dl).txn(
                        request.toBuilder().setHeader(forwarded(request.getHeader())).build(), out));
    }

    @Override
    public void get(GetRequest request, StreamObserver<GetResponse> out) {
        KvQuery query = KvQuery.newBuilder().setGet(request.toBuilder().clearHeader()).build();
        read(request.getHeader(), query, request.getConsistency(), request.getMaxStalenessMs(),
                KvCommandResult.ResultCase.GET, out,
                (r, h) -> r.getGet().toBuilder().setHeader(h.apply(r.getGet().getHeader())).build(),
                (ch, dl) -> KvServiceGrpc.newStub(ch).withDeadline(dl).get(
                        request.toBuilder().setHeader(forwarded(request.getHeader())).build(), out));
    }

    @Override
    public void scan(ScanRequest request, StreamObserver<ScanResponse> out) {
        KvQuery query = KvQuery.newBuilder().setScan(request.toBuilder().clearHeader()).build();
        read(request.getHeader(), query, request.getConsistency(), request.getMaxStalenessMs(),
                KvCommandResult.ResultCase.SCAN, out,
                (r, h) -> r.getScan().toBuilder().setHeader(h.apply(r.getScan().getHeader())).build(),
                (ch, dl) -> KvServiceGrpc.newStub(ch).withDeadline(dl).scan(
                        request.toBuilder().setHeader(forwarded(request.getHeader())).build(), out));
    }

    /** Builds a typed response from a result, given a function that completes its header. */
    @FunctionalInterface
    private interface Answer<R> {
        R from(KvCommandResult result, Function<ResponseHeader, ResponseHeader> header);
    }

    private <R> void write(RequestHeader header, KvCommand command, KvCommandResult.ResultCase expected,
                           StreamObserver<R> out, Answer<R> answer, LeaderRouting.Forward forward) {
        long group = LocalReplicas.resolve(header.getGroupId());
        Optional<GroupReplica<?>> replica = replicas.find(group);
        if (replica.isEmpty()) {
            LeaderRouting.fail(out, FailureStatus.groupNotHosted(group, replicas.nodeId()));
            return;
        }
        if (header.getCertify()) {
            certified(replica.get(), header, command, expected, out, answer, forward);
            return;
        }
        String leaderAddress = directory.address(replicas.nodeId()).orElse("");
        routing.complete(replica.get().propose(command), group, header.getForwarded(), out,
                result -> answer.from(check(result, expected),
                        h -> stamp(h, group).setLeaderAddress(leaderAddress).build()),
                forward);
    }

    private <R> void read(RequestHeader header, KvQuery query, ReadConsistency consistency, long maxStalenessMs,
                          KvCommandResult.ResultCase expected, StreamObserver<R> out, Answer<R> answer,
                          LeaderRouting.Forward forward) {
        long group = LocalReplicas.resolve(header.getGroupId());
        Optional<GroupReplica<?>> replica = replicas.find(group);
        if (replica.isEmpty()) {
            LeaderRouting.fail(out, FailureStatus.groupNotHosted(group, replicas.nodeId()));
            return;
        }
        if (consistency == ReadConsistency.UNRECOGNIZED) {
            LeaderRouting.fail(out, Status.INVALID_ARGUMENT.withDescription("unknown read consistency")
                    .asRuntimeException());
            return;
        }
        if (header.getCertify()) {
            KvCommand.Builder ordered = command(header);
            switch (query.getQueryCase()) {
                case GET -> ordered.setGet(query.getGet());
                case SCAN -> ordered.setOrderedScan(query.getScan());
                case QUERY_NOT_SET -> throw new IllegalStateException("the service built a query without an operation");
            }
            certified(replica.get(), header, ordered.build(), expected, out, answer, forward);
            return;
        }
        CompletableFuture<KvCommandResult> local =
                replica.get().read(query, consistency, Duration.ofMillis(maxStalenessMs));
        routing.complete(local, group, header.getForwarded(), out,
                result -> answer.from(check(result, expected), h -> stamp(h, group).build()), forward);
    }

    /** Proposes {@code command} and answers with its certificate alone; the client takes the result from it. */
    private <R> void certified(GroupReplica<?> replica, RequestHeader header, KvCommand command,
                               KvCommandResult.ResultCase expected, StreamObserver<R> out, Answer<R> answer,
                               LeaderRouting.Forward forward) {
        long group = replica.groupId();
        if (!replica.certifiesResults()) {
            LeaderRouting.fail(out, Status.FAILED_PRECONDITION.withDescription("group " + group
                    + " does not sign its replies, so it cannot certify results (only PBFT groups do)")
                    .asRuntimeException());
            return;
        }
        String leaderAddress = directory.address(replicas.nodeId()).orElse("");
        routing.complete(replica.proposeCertified(command), group, header.getForwarded(), out,
                certified -> answer.from(emptyResult(expected), h -> stamp(h, group).setLeaderAddress(leaderAddress)
                        .setCertificate(certified.certificate()).build()),
                forward);
    }

    /** A result of the expected kind with nothing in it, for an answer whose result travels in its certificate. */
    private static KvCommandResult emptyResult(KvCommandResult.ResultCase expected) {
        KvCommandResult.Builder empty = KvCommandResult.newBuilder();
        switch (expected) {
            case PUT -> empty.setPut(PutResponse.getDefaultInstance());
            case DELETE -> empty.setDelete(DeleteResponse.getDefaultInstance());
            case CAS -> empty.setCas(CompareAndSetResponse.getDefaultInstance());
            case BATCH -> empty.setBatch(BatchResponse.getDefaultInstance());
            case GET -> empty.setGet(GetResponse.getDefaultInstance());
            case SCAN -> empty.setScan(ScanResponse.getDefaultInstance());
            case TXN -> empty.setTxn(TxnResponse.getDefaultInstance());
            case ERROR, RESULT_NOT_SET -> throw new IllegalArgumentException("no response kind for " + expected);
        }
        return empty.build();
    }

    private static KvCommandResult check(KvCommandResult result, KvCommandResult.ResultCase expected) {
        if (result.getResultCase() == KvCommandResult.ResultCase.ERROR) {
            throw FailureStatus.of(result.getError());
        }
        if (result.getResultCase() != expected) {
            throw Status.INTERNAL.withDescription("state machine answered " + result.getResultCase()
                    + " to a " + expected + " request").asRuntimeException();
        }
        return result;
    }

    private ResponseHeader.Builder stamp(ResponseHeader header, long group) {
        return header.toBuilder().setGroupId(group).setMemberId(replicas.nodeId());
    }

    private static KvCommand.Builder command(RequestHeader header) {
        return KvCommand.newBuilder().setClientId(header.getClientId()).setSequence(header.getSequence());
    }

    private static RequestHeader forwarded(RequestHeader header) {
        return header.toBuilder().setForwarded(true).build();
    }
}
